using System.Text.Json;

namespace Hotswap.Testing.Aws;

/// <summary>An application load balancer created in moto: its listener and target groups (IP targets) by name.</summary>
public sealed record MotoAlb(string LoadBalancerArn, string ListenerArn, IReadOnlyDictionary<string, string> TargetGroups)
{
    /// <summary>
    /// Creates a VPC, two subnets, an ALB, an HTTP listener whose default action is a fixed 404,
    /// and one IP target group per name, with boto3 against <paramref name="moto"/>.
    /// </summary>
    public static async Task<MotoAlb> CreateAsync(MotoServer moto, params string[] targetGroups)
    {
        var names = string.Join(",", targetGroups.Select(n => $"'{n}'"));
        var output = await moto.PythonAsync($$$"""
            import boto3, json
            ec2 = boto3.client('ec2'); elb = boto3.client('elbv2')
            vpc = ec2.create_vpc(CidrBlock='10.0.0.0/16')['Vpc']['VpcId']
            a = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.1.0/24', AvailabilityZone='us-east-1a')['Subnet']['SubnetId']
            b = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.2.0/24', AvailabilityZone='us-east-1b')['Subnet']['SubnetId']
            lb = elb.create_load_balancer(Name='mysystem', Subnets=[a, b], Type='application')['LoadBalancers'][0]['LoadBalancerArn']
            listener = elb.create_listener(LoadBalancerArn=lb, Protocol='HTTP', Port=80, DefaultActions=[
                {'Type': 'fixed-response', 'FixedResponseConfig': {'StatusCode': '404', 'ContentType': 'text/plain', 'MessageBody': 'no route'}}])['Listeners'][0]['ListenerArn']
            tgs = {}
            for n in [{{{names}}}]:
                tgs[n] = elb.create_target_group(Name=n, Protocol='HTTP', Port=80, VpcId=vpc, TargetType='ip')['TargetGroups'][0]['TargetGroupArn']
            print(json.dumps({'lb': lb, 'listener': listener, 'tgs': tgs}))
            """);
        var json = JsonDocument.Parse(output).RootElement;
        return new MotoAlb(
            json.GetProperty("lb").GetString()!,
            json.GetProperty("listener").GetString()!,
            json.GetProperty("tgs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
    }

    /// <summary>Registers IP targets (10.0.1.x) in a target group; moto reports them healthy.</summary>
    public Task RegisterTargetsAsync(MotoServer moto, string targetGroup, int count) =>
        moto.PythonAsync($$"""
            import boto3
            boto3.client('elbv2').register_targets(TargetGroupArn='{{TargetGroups[targetGroup]}}',
                Targets=[{'Id': '10.0.1.%d' % (i + 10), 'Port': 80} for i in range({{count}})])
            """);
}
