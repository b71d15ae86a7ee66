namespace Reft.Runtime.Training.Checkpoints;

public enum ResumeKind
{
    /// <summary>No usable checkpoint: the run starts from step 0 of the first stage.</summary>
    StartFresh,

    /// <summary>Continue from <see cref="ResumeDecision.Checkpoint"/>.</summary>
    Resume,

    /// <summary>The spec changed, but the user forced the resume.</summary>
    ResumeForced,

    /// <summary>The spec changed; the run must not continue.</summary>
    Refused,
}

/// <summary>What a run does with the checkpoints it finds, and why.</summary>
public sealed record ResumeDecision(
    ResumeKind Kind,
    LoadedCheckpoint? Checkpoint,
    IReadOnlyList<string> Changes,
    IReadOnlyList<string> Problems)
{
    public bool Continues => Kind is ResumeKind.Resume or ResumeKind.ResumeForced;

    /// <summary>One paragraph for the user; for a refusal it says how to go on.</summary>
    public string Message => Kind switch
    {
        ResumeKind.StartFresh => "no checkpoint to resume from; starting at the first step",
        ResumeKind.Resume => $"resuming from {Checkpoint!.Folder} (stage {Checkpoint.State.Stage}, step {Checkpoint.State.Step})",
        ResumeKind.ResumeForced =>
            $"resuming from {Checkpoint!.Folder} although the spec changed (forced):\n  " + string.Join("\n  ", Changes),
        _ => $"{Checkpoint!.Folder}: error: the checkpoint was written by a different spec; what changed:\n  "
             + string.Join("\n  ", Changes)
             + "\nRevert the spec, start a new run under another name, or pass --force to resume anyway.",
    };

    public static ResumeDecision Decide(CheckpointLookup lookup, string specHash, IReadOnlyDictionary<string, string> knobs, bool force)
    {
        if (lookup.Checkpoint is not { } checkpoint)
            return new ResumeDecision(ResumeKind.StartFresh, null, [], lookup.Problems);
        if (checkpoint.State.SpecHash == specHash)
            return new ResumeDecision(ResumeKind.Resume, checkpoint, [], lookup.Problems);
        var changes = DescribeChanges(checkpoint.State.Knobs, knobs);
        if (changes.Count == 0)
            changes = [$"no listed knob changed, but the spec hash did ({Short(checkpoint.State.SpecHash)} → {Short(specHash)}): a reward, prompt or dataset definition differs"];
        return new ResumeDecision(force ? ResumeKind.ResumeForced : ResumeKind.Refused, checkpoint, changes, lookup.Problems);
    }

    /// <summary>Lists differences as "knob: old → new", "knob: added (= v)", "knob: removed (was v)".</summary>
    public static List<string> DescribeChanges(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var changes = new List<string>();
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.TryGetValue(key, out var old);
            var has = after.TryGetValue(key, out var now);
            if (had && has && old != now) changes.Add($"{key}: {old} → {now}");
            else if (!had && has) changes.Add($"{key}: added (= {now})");
            else if (had && !has) changes.Add($"{key}: removed (was {old})");
        }
        return changes;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
