namespace Reft.Runtime.Training.Checkpoints;

/// <summary>A checkpoint folder that passed the completeness check.</summary>
public sealed class LoadedCheckpoint(string folder, CheckpointState state)
{
    public string Folder { get; } = folder;

    public CheckpointState State { get; } = state;

    public string Name => Path.GetFileName(Folder);

    /// <summary>The run's metrics.jsonl as it was when the checkpoint was taken, or null when the
    /// checkpoint was saved without one.</summary>
    public string? MetricsSnapshotPath
    {
        get
        {
            var path = Path.Combine(Folder, CheckpointFiles.Metrics);
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>Loads each part from its subfolder; a part missing from the checkpoint is an error,
    /// since resuming without it would silently restart that component.</summary>
    public void Restore(IEnumerable<ICheckpointPart> parts)
    {
        foreach (var part in parts)
        {
            var partFolder = Path.Combine(Folder, part.Name);
            if (!Directory.Exists(partFolder))
                throw new CheckpointException($"{Folder}: has no '{part.Name}' folder, which this run needs; resume with the spec that wrote it, or start a new run");
            part.Load(partFolder);
        }
    }
}

/// <summary>The newest checkpoint that passed the completeness check (null when none did) and a
/// message for each newer folder that was skipped because it is partial or corrupt.</summary>
public sealed record CheckpointLookup(LoadedCheckpoint? Checkpoint, IReadOnlyList<string> Problems);
