namespace Hotswap.Properties.Model;

/// <summary>The two loop runs every model-based property starts from: v1 from nothing, then the swap to v2.</summary>
public static class Runs
{
    public static Loop.Trace Setup(Migration m) =>
        Loop.Run(m.V1, m.Start, Scenario.AllPass, Fixtures.Start, m.Invariants);

    public static Loop.Trace Swap(Migration m, Loop.Trace setup, ScenarioSpec scenario) =>
        Loop.Run(m.V2, setup.Final, scenario.ToScenario(), setup.End, m.Invariants);
}
