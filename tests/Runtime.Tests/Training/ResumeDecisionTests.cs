using Reft.Runtime.Training.Checkpoints;
using Reft.Tests.Shared;

namespace Reft.Runtime.Tests.Training;

public sealed class ResumeDecisionTests
{
    private static CheckpointStore StoreWith(TemporaryFolder temporary, string hash, Dictionary<string, string> knobs)
    {
        var store = new CheckpointStore(temporary.Path, keep: 1);
        store.Save(new CheckpointState { Stage = "rl", StageIndex = 0, Step = 10, SpecHash = hash, Knobs = knobs }, []);
        return store;
    }

    [Fact]
    public void Same_hash_resumes()
    {
        using var temporary = new TemporaryFolder();
        var decision = StoreWith(temporary, "abc", []).DecideResume("abc", new Dictionary<string, string>(), force: false);
        Assert.Equal(ResumeKind.Resume, decision.Kind);
        Assert.Equal(10, decision.Checkpoint!.State.Step);
    }

    [Fact]
    public void Empty_folder_starts_fresh()
    {
        using var temporary = new TemporaryFolder();
        var decision = new CheckpointStore(temporary.Combine("none"), keep: 1).DecideResume("abc", new Dictionary<string, string>(), force: false);
        Assert.Equal(ResumeKind.StartFresh, decision.Kind);
        Assert.False(decision.Continues);
    }

    [Fact]
    public void A_changed_spec_is_refused_with_every_change_listed()
    {
        using var temporary = new TemporaryFolder();
        var store = StoreWith(temporary, "old", new() { ["rl.lr"] = "2e-4", ["rl.group"] = "8", ["rl.kl"] = "none" });
        var decision = store.DecideResume("new", new Dictionary<string, string> { ["rl.lr"] = "1e-4", ["rl.group"] = "8", ["rl.clip"] = "0.2" }, force: false);
        Assert.Equal(ResumeKind.Refused, decision.Kind);
        Assert.Equal(["rl.clip: added (= 0.2)", "rl.kl: removed (was none)", "rl.lr: 2e-4 → 1e-4"], decision.Changes);
        Assert.Contains("different spec", decision.Message);
        Assert.Contains("rl.lr: 2e-4 → 1e-4", decision.Message);
        Assert.Contains("--force", decision.Message);
    }

    [Fact]
    public void Force_resumes_despite_the_change()
    {
        using var temporary = new TemporaryFolder();
        var store = StoreWith(temporary, "old", new() { ["rl.lr"] = "2e-4" });
        var decision = store.DecideResume("new", new Dictionary<string, string> { ["rl.lr"] = "1e-4" }, force: true);
        Assert.Equal(ResumeKind.ResumeForced, decision.Kind);
        Assert.True(decision.Continues);
    }

    [Fact]
    public void A_hash_change_without_knob_change_is_still_explained()
    {
        using var temporary = new TemporaryFolder();
        var store = StoreWith(temporary, "0123456789abcdef", new() { ["rl.lr"] = "2e-4" });
        var decision = store.DecideResume("fedcba9876543210", new Dictionary<string, string> { ["rl.lr"] = "2e-4" }, force: false);
        Assert.Equal(ResumeKind.Refused, decision.Kind);
        Assert.Contains("0123456789ab → fedcba987654", Assert.Single(decision.Changes));
    }
}
