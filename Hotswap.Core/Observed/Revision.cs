using LanguageExt;

namespace Hotswap.Core.Observed;

/// <summary>
/// The last good state, saved (as a ControllerRevision owned by the System) before a migration
/// starts; rollback plans towards it.
/// </summary>
/// <param name="Number">ControllerRevision.revision, increasing.</param>
/// <param name="SpecHash">Hash of the System spec whose migration this revision guards.</param>
/// <param name="Applications">Per application: members and forward config at save time.</param>
public sealed record Revision(int Number, string SpecHash, HashMap<string, ApplicationRevision> Applications);
