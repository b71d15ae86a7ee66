using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reft.Runtime.Training.Checkpoints;

/// <summary>
/// The checkpoints of one run, one folder each, named <c>SS-stage-NNNNNNN</c> so that names sort
/// in run order. A checkpoint is written into a hidden temporary folder, every file is synced, the
/// manifest is written last, and only then is the folder renamed into place: a kill at any instant
/// leaves either the whole new checkpoint or none of it, and the previous one untouched.
/// </summary>
public sealed partial class CheckpointStore
{
    private const string TemporaryPrefix = ".tmp-";
    private const string TrashPrefix = ".trash-";

    private readonly int _keep;
    private readonly Action<string>? _afterFileWritten;

    /// <param name="directory">The run's checkpoints folder (created when missing).</param>
    /// <param name="keep">How many checkpoints to keep; older ones are deleted after each save.</param>
    /// <param name="afterFileWritten">Test hook, called with each file's path as it is written, so
    /// a test can slow the write down or kill the process in the middle of it.</param>
    public CheckpointStore(string directory, int keep, Action<string>? afterFileWritten = null)
    {
        if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep), keep, "a run keeps at least one checkpoint");
        Directory = directory;
        _keep = keep;
        _afterFileWritten = afterFileWritten;
    }

    public string Directory { get; }

    public static string FolderName(int stageIndex, string stage, int step) =>
        string.Create(CultureInfo.InvariantCulture, $"{stageIndex:D2}-{stage}-{step:D7}");

    /// <summary>Writes a checkpoint atomically and prunes old ones. Checkpoints positioned after this
    /// one belong to a timeline abandoned by a resume and are deleted too.</summary>
    public LoadedCheckpoint Save(CheckpointState state, IReadOnlyList<ICheckpointPart> parts, string? metricsPath = null)
    {
        System.IO.Directory.CreateDirectory(Directory);
        RemoveLeftovers();
        var name = FolderName(state.StageIndex, state.Stage, state.Step);
        var temporary = Path.Combine(Directory, TemporaryPrefix + name);
        System.IO.Directory.CreateDirectory(temporary);

        foreach (var part in parts)
        {
            var partFolder = Path.Combine(temporary, part.Name);
            System.IO.Directory.CreateDirectory(partFolder);
            part.Save(partFolder);
            foreach (var file in System.IO.Directory.EnumerateFiles(partFolder, "*", SearchOption.AllDirectories))
                Written(file);
        }
        if (metricsPath is not null && File.Exists(metricsPath))
            Written(CopyDurably(metricsPath, Path.Combine(temporary, CheckpointFiles.Metrics)));
        var statePath = Path.Combine(temporary, CheckpointFiles.State);
        DurableFiles.WriteAllText(statePath, CheckpointFiles.WriteState(state));
        Written(statePath);

        var entries = System.IO.Directory.EnumerateFiles(temporary, "*", SearchOption.AllDirectories)
            .Select(file =>
            {
                DurableFiles.SyncFile(file);
                return CheckpointFiles.Describe(temporary, file);
            })
            .ToList();
        foreach (var folder in System.IO.Directory.EnumerateDirectories(temporary, "*", SearchOption.AllDirectories))
            DurableFiles.SyncDirectory(folder);
        var manifestPath = Path.Combine(temporary, CheckpointFiles.Manifest);
        DurableFiles.WriteAllText(manifestPath, CheckpointFiles.WriteManifest(state, entries));
        Written(manifestPath);
        DurableFiles.SyncDirectory(temporary);

        var final = Path.Combine(Directory, name);
        var position = (state.StageIndex, state.Step);
        foreach (var (folder, folderPosition) in CheckpointFolders())
            if (Compare(folderPosition, position) >= 0)
                DeleteViaTrash(folder);
        System.IO.Directory.Move(temporary, final);
        DurableFiles.SyncDirectory(Directory);
        Prune();
        return new LoadedCheckpoint(final, state);
    }

    /// <summary>The newest checkpoint that is complete and intact, with a message for every newer
    /// folder that is partial or corrupt.</summary>
    public CheckpointLookup LatestValid()
    {
        var problems = new List<string>();
        if (!System.IO.Directory.Exists(Directory)) return new CheckpointLookup(null, problems);
        foreach (var (folder, _) in CheckpointFolders().OrderByDescending(entry => entry.Position.StageIndex).ThenByDescending(entry => entry.Position.Step))
        {
            var problem = Verify(folder, out var state);
            if (problem is null)
            {
                return new CheckpointLookup(new LoadedCheckpoint(folder, state!),
                    problems.Select(message => $"{message}; using {Path.GetFileName(folder)} instead").ToList());
            }
            problems.Add($"{folder}: {problem}");
        }
        return new CheckpointLookup(null, problems.Select(message => $"{message}; no older checkpoint is intact, starting from scratch").ToList());
    }

    /// <summary>Finds the newest intact checkpoint and decides whether the run may continue from it.</summary>
    public ResumeDecision DecideResume(string specHash, IReadOnlyDictionary<string, string> knobs, bool force) =>
        ResumeDecision.Decide(LatestValid(), specHash, knobs, force);

    private static string? Verify(string folder, out CheckpointState? state)
    {
        state = null;
        var manifestPath = Path.Combine(folder, CheckpointFiles.Manifest);
        if (!File.Exists(manifestPath)) return "partial checkpoint (manifest.json is missing: its write was interrupted)";
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
            foreach (var entry in CheckpointFiles.ReadManifestFiles(manifest.RootElement))
            {
                var path = Path.Combine(folder, entry.Path);
                if (!File.Exists(path)) return $"corrupt checkpoint ({entry.Path} is missing)";
                var actual = CheckpointFiles.Describe(folder, path);
                if (actual.Bytes != entry.Bytes) return $"corrupt checkpoint ({entry.Path} has {actual.Bytes} bytes, manifest.json says {entry.Bytes})";
                if (actual.Sha256 != entry.Sha256) return $"corrupt checkpoint ({entry.Path} differs from manifest.json: SHA-256 mismatch)";
            }
            using var stateDocument = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, CheckpointFiles.State)));
            state = CheckpointFiles.ReadState(stateDocument.RootElement);
            return null;
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException
            or UnauthorizedAccessException or CheckpointException)
        {
            return $"corrupt checkpoint ({error.Message})";
        }
    }

    private IEnumerable<(string Folder, (int StageIndex, int Step) Position)> CheckpointFolders()
    {
        foreach (var folder in System.IO.Directory.EnumerateDirectories(Directory))
        {
            var match = CheckpointName().Match(Path.GetFileName(folder));
            if (match.Success)
                yield return (folder, (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)));
        }
    }

    private void Prune()
    {
        var ordered = CheckpointFolders().OrderByDescending(entry => entry.Position.StageIndex).ThenByDescending(entry => entry.Position.Step).ToList();
        foreach (var (folder, _) in ordered.Skip(_keep))
            DeleteViaTrash(folder);
    }

    /// <summary>Renames before deleting, so a kill during the delete never leaves a half-deleted
    /// folder under a checkpoint's name.</summary>
    private void DeleteViaTrash(string folder)
    {
        var trash = Path.Combine(Directory, TrashPrefix + Path.GetFileName(folder));
        if (System.IO.Directory.Exists(trash)) System.IO.Directory.Delete(trash, recursive: true);
        System.IO.Directory.Move(folder, trash);
        DurableFiles.SyncDirectory(Directory);
        System.IO.Directory.Delete(trash, recursive: true);
    }

    private void RemoveLeftovers()
    {
        foreach (var folder in System.IO.Directory.EnumerateDirectories(Directory))
        {
            var name = Path.GetFileName(folder);
            if (name.StartsWith(TemporaryPrefix, StringComparison.Ordinal) || name.StartsWith(TrashPrefix, StringComparison.Ordinal))
                System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static string CopyDurably(string source, string destination)
    {
        DurableFiles.WriteAllBytes(destination, File.ReadAllBytes(source));
        return destination;
    }

    private void Written(string path) => _afterFileWritten?.Invoke(path);

    private static int Compare((int StageIndex, int Step) left, (int StageIndex, int Step) right) =>
        left.StageIndex != right.StageIndex ? left.StageIndex.CompareTo(right.StageIndex) : left.Step.CompareTo(right.Step);

    [GeneratedRegex(@"^(\d{2})-[A-Za-z_][A-Za-z0-9_]*-(\d{7})$")]
    private static partial Regex CheckpointName();
}
