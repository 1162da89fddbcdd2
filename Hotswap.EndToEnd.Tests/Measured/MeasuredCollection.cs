namespace Hotswap.EndToEnd.Tests.Measured;

/// <summary>
/// The measurements run alone, after the other end-to-end classes (which run in parallel), so
/// their figures are the operator's and not the neighbours' load; they share one stage.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredCollection : ICollectionFixture<Stage.Stage>
{
    public const string Name = "measured";
}
