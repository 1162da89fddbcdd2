using System.Runtime.CompilerServices;
using LanguageExt.ClassInstances;

namespace Hotswap.Core;

/// <summary>
/// Keeps LanguageExt from loading every type of every assembly the process references.
/// </summary>
/// <remarks>
/// <para>
/// The first time LanguageExt compares, hashes or orders a type it has no built-in rule for
/// (a record in a <c>Seq</c>, a <c>HashMap</c> value), it looks for a "type-class instance" named
/// after the type (<c>EqSeq</c>, <c>OrdOption</c>, …). To find one it builds a catalogue
/// (<see cref="ClassInstancesAssembly"/>) by calling <c>GetTypes()</c> on LanguageExt and on every
/// assembly the entry assembly references: KubernetesClient's 5,900 types, AWSSDK, YamlDotNet,
/// Spectre.Console and LanguageExt's own 9,400. That was a sixth of <c>hotswap run</c>'s idle
/// memory and most of <c>hotswap validate</c>'s time and memory (docs/benchmarks.md has the
/// figures).
/// </para>
/// <para>
/// Hotswap defines no instance and asks for none by name. With an empty catalogue LanguageExt falls
/// back to <see cref="EqualityComparer{T}.Default"/>, <see cref="Comparer{T}.Default"/> and
/// <see cref="object.GetHashCode"/>, which for records are the compiler's member-wise equality and
/// for LanguageExt's own collections and options (<c>Seq</c>, <c>HashMap</c>, <c>Option</c>) their
/// structural <c>Equals</c>, <c>CompareTo</c> and <c>GetHashCode</c> — what the instances it would
/// have found compute. The golden plans and every property run on this empty catalogue too.
/// </para>
/// </remarks>
public static class TypeClassCatalogue
{
    /// <summary>
    /// Installs an empty catalogue unless LanguageExt built one already. Runs when Hotswap.Core is
    /// first used (a module initializer); entry points call it first thing as well, before any
    /// other code of theirs can compare a LanguageExt value.
    /// </summary>
    public static void KeepEmpty()
    {
        if (ClassInstancesAssembly.singleton is not null) return;
        // ClassInstancesAssembly's only constructor is the scan; its fields are public.
        var empty = (ClassInstancesAssembly)RuntimeHelpers.GetUninitializedObject(typeof(ClassInstancesAssembly));
        empty.Types = [];
        empty.Structs = [];
        empty.AllClassInstances = [];
        empty.ClassInstances = [];
        ClassInstancesAssembly.singleton = empty;
    }

#pragma warning disable CA2255 // A library's module initializer: every process that uses Hotswap.Core (the executable, tests, benchmarks) must skip the scan, and only this one runs before any of them compares a value.
    [ModuleInitializer]
    internal static void OnLoad() => KeepEmpty();
#pragma warning restore CA2255
}
