using Hotswap.Operator.Watching;
using k8s.Models;

namespace Hotswap.Operator.Tests.Watching;

/// <summary>The store never goes back in time: what a write put there stays until something newer comes.</summary>
public sealed class ObjectStoreTests
{
    private readonly ObjectStore<V1Secret> store = new(s => s.Metadata);

    private static V1Secret Secret(string name, string version, string? value = null, bool deleting = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name, NamespaceProperty = "argocd", ResourceVersion = version,
            Labels = new Dictionary<string, string> { ["argocd.argoproj.io/secret-type"] = "cluster" },
            DeletionTimestamp = deleting ? DateTime.UtcNow : null,
        },
        StringData = value is null ? null : new Dictionary<string, string> { ["v"] = value },
    };

    private V1Secret? Held(string name) => store.GetAsync("argocd", name).Result.ToList().FirstOrDefault();

    [Fact]
    public void A_watch_event_older_than_a_write_does_not_undo_it()
    {
        store.Upsert(Secret("a", "10", "first"));
        store.Wrote(Secret("a", "15", "written"));

        var late = store.Upsert(Secret("a", "12", "in between"));

        Assert.Null(late);
        Assert.Equal("written", Held("a")?.StringData["v"]);
        Assert.NotNull(store.Upsert(Secret("a", "15", "written")));
    }

    [Fact]
    public void An_object_being_deleted_without_finalizers_is_gone_whether_a_write_or_a_watch_says_so()
    {
        store.Upsert(Secret("a", "10"));
        store.Wrote(Secret("a", "12", deleting: true));
        Assert.Null(Held("a"));

        // The watch, behind our write, reports the deletion's last update before its DELETED.
        store.Upsert(Secret("a", "11", deleting: true));
        Assert.Null(Held("a"));

        store.Upsert(Secret("b", "10"));
        Assert.NotNull(store.Upsert(Secret("b", "11", deleting: true)));
        Assert.Null(Held("b"));
    }

    [Fact]
    public void A_deletion_older_than_what_is_held_leaves_it_and_a_newer_one_removes_it()
    {
        store.Wrote(Secret("a", "20"));

        Assert.Null(store.Remove(Secret("a", "13")));
        Assert.NotNull(Held("a"));
        Assert.NotNull(store.Remove(Secret("a", "21")));
        Assert.Null(Held("a"));
    }

    [Fact]
    public void A_list_keeps_objects_written_after_it_and_drops_those_it_lacks()
    {
        store.Upsert(Secret("gone", "5"));
        store.Upsert(Secret("kept", "6"));
        store.Wrote(Secret("written-after", "31"));
        store.Wrote(Secret("kept", "32", "newer"));

        var changes = store.Replace("argocd", [Secret("kept", "8", "older"), Secret("listed", "9")], "30");

        Assert.Equal(new[] { "kept", "listed", "written-after" }, store.All().Select(s => s.Metadata.Name).Order().ToArray());
        Assert.Equal("newer", Held("kept")?.StringData["v"]);
        Assert.Contains(changes, c => c.Old?.Metadata.Name == "gone" && c.New is null);
    }

    [Fact]
    public async Task A_list_of_one_namespace_leaves_the_others_alone()
    {
        store.Upsert(new V1Secret { Metadata = new V1ObjectMeta { Name = "x", NamespaceProperty = "team-b", ResourceVersion = "3" } });

        store.Replace("argocd", [], "40");

        Assert.True((await store.GetAsync("team-b", "x")).IsSome);
    }

    [Fact]
    public void A_write_that_removed_the_last_finalizer_of_an_object_being_deleted_removes_it()
    {
        store.Upsert(Secret("a", "3"));

        store.Wrote(Secret("a", "4", deleting: true));

        Assert.Null(Held("a"));
    }

    [Fact]
    public async Task Lists_select_by_every_label()
    {
        store.Upsert(Secret("a", "1"));
        var other = Secret("b", "2");
        other.Metadata.Labels["role"] = "web";
        store.Upsert(other);

        var web = await store.ListAsync("argocd", LanguageExt.Prelude.Map(("argocd.argoproj.io/secret-type", "cluster"), ("role", "web")));

        Assert.Equal(new[] { "b" }, web.Map(s => s.Metadata.Name).ToArray());
    }
}
