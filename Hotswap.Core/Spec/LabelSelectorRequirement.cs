using LanguageExt;

namespace Hotswap.Core.Spec;

/// <summary>One matchExpressions entry: a label key, an operator and (for In/NotIn) values.</summary>
/// <param name="Key">The label key the requirement is about.</param>
/// <param name="Operator">How the label's value relates to values: In, NotIn, Exists or DoesNotExist.</param>
/// <param name="Values">Required and non-empty for In and NotIn; must be empty for Exists and DoesNotExist.</param>
public sealed record LabelSelectorRequirement(string Key, SelectorOperator Operator, Seq<string> Values)
{
    /// <summary>
    /// As apimachinery's <c>Requirement.Matches</c>: In needs the key and one of the values;
    /// NotIn matches when the key is absent or its value is none of them; Exists and
    /// DoesNotExist look only at the key. <c>env NotIn (prod)</c> matches <c>{}</c> and
    /// <c>{env: dev}</c>, not <c>{env: prod}</c>.
    /// </summary>
    public bool Matches(Map<string, string> labels) => Operator switch
    {
        SelectorOperator.In => labels.Find(Key).Exists(v => Values.Contains(v)),
        SelectorOperator.NotIn => labels.Find(Key).ForAll(v => !Values.Contains(v)),
        SelectorOperator.Exists => labels.ContainsKey(Key),
        SelectorOperator.DoesNotExist => !labels.ContainsKey(Key),
        _ => false,
    };

    /// <summary>kubectl's set-based syntax: <c>env in (dev,qa)</c>, <c>env notin (prod)</c>, <c>env</c>, <c>!env</c>.</summary>
    public string Format() => Operator switch
    {
        SelectorOperator.In => $"{Key} in ({string.Join(",", SortedValues)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", SortedValues)})",
        SelectorOperator.Exists => Key,
        _ => "!" + Key,
    };

    private IEnumerable<string> SortedValues => Values.Distinct().OrderBy(v => v, StringComparer.Ordinal);
}
