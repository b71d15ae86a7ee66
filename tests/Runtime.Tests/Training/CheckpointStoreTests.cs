using Reft.Runtime.Tests.Training.KillTarget;
using Reft.Runtime.Training.Checkpoints;
using Reft.Tests.Shared;

namespace Reft.Runtime.Tests.Training;

public sealed class CheckpointStoreTests
{
    private static CheckpointState State(int stageIndex, int step, string hash = "h1") => new()
    {
        Stage = stageIndex == 0 ? "warmup" : "rl",
        StageIndex = stageIndex,
        Step = step,
        SpecHash = hash,
        Knobs = new Dictionary<string, string> { ["rl.lr"] = "0.01" },
        DataCursor = "epoch=1;index=" + step,
        RngStates = new Dictionary<string, byte[]> { ["data"] = [1, 2, 3, (byte)step] },
        Counters = new Dictionary<string, long> { ["non_finite_skipped"] = step / 2 },
    };

    private static NamedArraysPart Weights(float[] values) => new("policy", new Dictionary<string, float[]> { ["w"] = values });

    [Fact]
    public void Save_then_load_restores_state_parts_and_metrics_copy()
    {
        using var temporary = new TemporaryFolder();
        var metricsPath = temporary.Combine("metrics.jsonl");
        File.WriteAllText(metricsPath, "{\"line\":1}\n");
        var store = new CheckpointStore(temporary.Combine("checkpoints"), keep: 3);
        store.Save(State(1, 40), [Weights([1.5f, -2.25f, 3e-7f])], metricsPath);

        var lookup = store.LatestValid();
        Assert.Empty(lookup.Problems);
        var checkpoint = lookup.Checkpoint!;
        Assert.Equal("01-rl-0000040", checkpoint.Name);
        Assert.Equal(40, checkpoint.State.Step);
        Assert.Equal("epoch=1;index=40", checkpoint.State.DataCursor);
        Assert.Equal(new byte[] { 1, 2, 3, 40 }, checkpoint.State.RngStates["data"]);
        Assert.Equal(20, checkpoint.State.Counters["non_finite_skipped"]);
        Assert.Equal("0.01", checkpoint.State.Knobs["rl.lr"]);
        Assert.Equal("{\"line\":1}\n", File.ReadAllText(checkpoint.MetricsSnapshotPath!));
        var restored = new float[3];
        checkpoint.Restore([Weights(restored)]);
        Assert.Equal(new[] { 1.5f, -2.25f, 3e-7f }, restored);
    }

    [Fact]
    public void Keep_prunes_the_oldest_checkpoints_across_stages()
    {
        using var temporary = new TemporaryFolder();
        var store = new CheckpointStore(temporary.Path, keep: 2);
        foreach (var (stage, step) in new[] { (0, 5), (0, 10), (1, 5), (1, 10) })
            store.Save(State(stage, step), [Weights([step])]);
        Assert.Equal(["01-rl-0000005", "01-rl-0000010"], Directory.GetDirectories(temporary.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Saving_an_earlier_position_discards_checkpoints_of_the_abandoned_future()
    {
        using var temporary = new TemporaryFolder();
        var store = new CheckpointStore(temporary.Path, keep: 5);
        foreach (var step in new[] { 5, 10, 15 }) store.Save(State(1, step), [Weights([step])]);
        store.Save(State(1, 10), [Weights([99])]);
        Assert.Equal(["01-rl-0000005", "01-rl-0000010"], Directory.GetDirectories(temporary.Path).Select(Path.GetFileName).Order());
        var weights = new float[1];
        store.LatestValid().Checkpoint!.Restore([Weights(weights)]);
        Assert.Equal(99f, weights[0]);
    }

    [Fact]
    public void A_truncated_file_is_reported_and_the_previous_checkpoint_is_used()
    {
        using var temporary = new TemporaryFolder();
        var store = new CheckpointStore(temporary.Path, keep: 3);
        store.Save(State(1, 5), [Weights([5, 5])]);
        var newest = store.Save(State(1, 10), [Weights([10, 10])]);
        var arrays = Path.Combine(newest.Folder, "policy", "arrays.bin");
        File.WriteAllBytes(arrays, File.ReadAllBytes(arrays)[..10]);

        var lookup = store.LatestValid();
        Assert.Equal("01-rl-0000005", lookup.Checkpoint!.Name);
        var problem = Assert.Single(lookup.Problems);
        Assert.Contains(newest.Folder, problem);
        Assert.Contains("policy/arrays.bin has 10 bytes, manifest.json says", problem);
        Assert.EndsWith("using 01-rl-0000005 instead", problem);
    }

    [Fact]
    public void A_changed_byte_is_caught_by_the_hash()
    {
        using var temporary = new TemporaryFolder();
        var store = new CheckpointStore(temporary.Path, keep: 3);
        store.Save(State(1, 5), [Weights([5])]);
        var newest = store.Save(State(1, 10), [Weights([10])]);
        var arrays = Path.Combine(newest.Folder, "policy", "arrays.bin");
        var bytes = File.ReadAllBytes(arrays);
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(arrays, bytes);
        var lookup = store.LatestValid();
        Assert.Equal("01-rl-0000005", lookup.Checkpoint!.Name);
        Assert.Contains("SHA-256 mismatch", Assert.Single(lookup.Problems));
    }

    [Fact]
    public void A_folder_without_manifest_is_reported_as_partial()
    {
        using var temporary = new TemporaryFolder();
        var store = new CheckpointStore(temporary.Path, keep: 3);
        store.Save(State(0, 5), [Weights([5])]);
        var newest = store.Save(State(0, 10), [Weights([10])]);
        File.Delete(Path.Combine(newest.Folder, "manifest.json"));
        var lookup = store.LatestValid();
        Assert.Equal("00-warmup-0000005", lookup.Checkpoint!.Name);
        Assert.Contains("partial checkpoint (manifest.json is missing", Assert.Single(lookup.Problems));
    }

    [Fact]
    public void When_no_checkpoint_is_intact_the_run_starts_from_scratch_and_says_so()
    {
        using var temporary = new TemporaryFolder();
        var store = new CheckpointStore(temporary.Path, keep: 3);
        var only = store.Save(State(0, 5), [Weights([5])]);
        File.WriteAllText(Path.Combine(only.Folder, "manifest.json"), "{ not json");
        var lookup = store.LatestValid();
        Assert.Null(lookup.Checkpoint);
        Assert.EndsWith("starting from scratch", Assert.Single(lookup.Problems));
    }

    [Fact]
    public void Leftover_temporary_folders_are_ignored_and_cleaned_by_the_next_save()
    {
        using var temporary = new TemporaryFolder();
        var store = new CheckpointStore(temporary.Path, keep: 3);
        store.Save(State(0, 5), [Weights([5])]);
        Directory.CreateDirectory(Path.Combine(temporary.Path, ".tmp-00-warmup-0000010", "policy"));
        Assert.Equal("00-warmup-0000005", store.LatestValid().Checkpoint!.Name);
        Assert.Empty(store.LatestValid().Problems);
        store.Save(State(0, 10), [Weights([10])]);
        Assert.Equal(["00-warmup-0000005", "00-warmup-0000010"], Directory.GetDirectories(temporary.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Restoring_into_arrays_of_another_shape_names_the_array()
    {
        using var temporary = new TemporaryFolder();
        var store = new CheckpointStore(temporary.Path, keep: 1);
        store.Save(State(0, 5), [Weights([1, 2, 3])]);
        var error = Assert.Throws<CheckpointException>(() => store.LatestValid().Checkpoint!.Restore([Weights(new float[4])]));
        Assert.Contains("array 'w' has 3 values, this run expects 4", error.Message);
    }

    [Fact]
    public void A_corrupt_newest_checkpoint_is_skipped_and_the_resumed_run_matches_an_uninterrupted_one()
    {
        using var temporary = new TemporaryFolder();
        var folder = temporary.Combine("run");
        var expected = FakeTraining.Run(new FakeRunOptions(folder, Keep: 3), TextWriter.Null);
        File.Delete(Path.Combine(folder, "checkpoints", "01-rl-0000028", "state.json"));

        var log = new StringWriter();
        var actual = FakeTraining.Run(new FakeRunOptions(folder, Keep: 3), log);
        Assert.Contains("01-rl-0000028: corrupt checkpoint (state.json is missing); using 01-rl-0000025 instead", log.ToString());
        Assert.Contains("resumed 01-rl-0000025", log.ToString());
        Assert.Contains("step 1 26", log.ToString());
        Assert.Equal(expected, actual);
        Assert.Equal(40, File.ReadAllLines(Path.Combine(folder, "metrics.jsonl")).Length);
    }
}
