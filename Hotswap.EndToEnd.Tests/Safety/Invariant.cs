namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>The invariants the checker states; each violation names one.</summary>
public enum Invariant
{
    /// <summary>A forward configuration's weights do not add up to totalWeight.</summary>
    WeightsSumToTotal,
    /// <summary>A weight outside 0..999, or none given beside other target groups.</summary>
    WeightInRange,
    /// <summary>More than 5 target groups in one forward action.</summary>
    AtMostFiveTargetGroups,
    /// <summary>A target group that fronts none of the application's clusters.</summary>
    KnownTargetGroup,
    /// <summary>A ModifyRule on a rule no application owns.</summary>
    KnownRule,
    /// <summary>Weight on a cluster that is not a member of the application's set at that moment.</summary>
    WeightOnlyOnMembers,
    /// <summary>Weight on a member cluster without a Synced and Healthy Application on it.</summary>
    WeightOnlyOnDeployed,
    /// <summary>The new side gained more than stepWeight in one write (rollback may move any amount back).</summary>
    StepAtMostStepWeight,
    /// <summary>The new side's share is not min(k·stepWeight, totalWeight) for some k.</summary>
    ShareOnSchedule,
    /// <summary>A cluster left the set while its target group still carried weight.</summary>
    LeaveOnlyAtZeroWeight,
    /// <summary>An old cluster left before the new side carried all the weight (CreateBeforeDelete).</summary>
    OldLeavesOnlyWhenFullyNew,
    /// <summary>A cluster that is not the application's got its membership labels.</summary>
    MembersOnlyFromTheApplication,
    /// <summary>The end state is not all weight on the new side, new clusters members, old ones gone.</summary>
    ConvergedToNew,
    /// <summary>The end state is not the configuration the migration started from.</summary>
    ConvergedToOld,
}
