namespace Hotswap.Core.Spec;

/// <summary>
/// matchExpressions[].operator, as Kubernetes' metav1.LabelSelectorOperator spells it.
/// </summary>
public enum SelectorOperator
{
    /// <summary>The label is present and its value is one of values.</summary>
    In,
    /// <summary>The label is absent, or present with a value that is not one of values.</summary>
    NotIn,
    /// <summary>The label is present, whatever its value.</summary>
    Exists,
    /// <summary>The label is absent.</summary>
    DoesNotExist,
}
