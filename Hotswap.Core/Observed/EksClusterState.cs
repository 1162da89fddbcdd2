namespace Hotswap.Core.Observed;

/// <summary>EKS cluster status values (DescribeCluster cluster.status).</summary>
public enum EksClusterState
{
    Creating,
    Active,
    Deleting,
    Failed,
    Updating,
    Pending,
}
