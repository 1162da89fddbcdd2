using Amazon.Runtime;
using Hotswap.Effects.Aws;
using Xunit;

namespace Hotswap.Testing.Aws;

/// <summary>
/// One moto_server per test class, with a <see cref="FaultProxy"/> in front of it that counts
/// calls at the server side. Tests call <see cref="Require"/> first: outside CI a missing
/// moto_server or aws skips them with the reason.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? moto;
    private FaultProxy? proxy;

    public MotoServer Moto => moto ?? throw new InvalidOperationException("moto_server is not running");

    public FaultProxy Proxy => proxy ?? throw new InvalidOperationException("the fault proxy is not running");

    /// <summary>Skips (or, in CI, fails) when the peers are missing.</summary>
    public void Require()
    {
        Peer.Require("moto_server");
        Peer.Require("aws");
        Peer.Require("python3");
    }

    public async Task InitializeAsync()
    {
        if (Peer.Find("moto_server") is null || Peer.Find("aws") is null) return;
        moto = await MotoServer.StartAsync();
        proxy = await FaultProxy.StartAsync(moto.Url);
    }

    /// <summary>Empties moto and the proxy's counts and planned faults.</summary>
    public async Task ResetAsync()
    {
        await Moto.ResetAsync();
        Proxy.ResetCounts();
    }

    /// <summary>Client settings for moto through the proxy: fake static keys, us-east-1, fast retries.</summary>
    public AwsSettings Settings(AwsRetry? retry = null, TimeSpan? attemptTimeout = null)
    {
        var endpoint = Proxy.Url;
        return new AwsSettings(
            MotoServer.Region,
            LanguageExt.Prelude.Map(
                (AwsSettings.ElasticLoadBalancing, endpoint), (AwsSettings.Eks, endpoint), (AwsSettings.Sts, endpoint)),
            new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
            retry ?? new AwsRetry(3, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50)),
            attemptTimeout ?? TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        if (proxy is not null) await proxy.DisposeAsync();
        if (moto is not null) await moto.DisposeAsync();
    }
}
