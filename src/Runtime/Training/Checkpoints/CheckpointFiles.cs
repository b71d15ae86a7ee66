using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Reft.Runtime.Training.Checkpoints;

/// <summary>The on-disk format of a checkpoint folder: state.json for the run position,
/// manifest.json (written last) listing every file with its size and SHA-256.</summary>
internal static class CheckpointFiles
{
    public const string Manifest = "manifest.json";
    public const string State = "state.json";
    public const string Metrics = "metrics.jsonl";
    public const int FormatVersion = 1;

    public sealed record FileEntry(string Path, long Bytes, string Sha256);

    public static FileEntry Describe(string root, string file)
    {
        using var stream = File.OpenRead(file);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new FileEntry(Path.GetRelativePath(root, file).Replace('\\', '/'), stream.Length, hash);
    }

    public static string WriteState(CheckpointState state)
    {
        return Json(writer =>
        {
            writer.WriteStartObject();
            WritePosition(writer, state);
            writer.WriteStartObject("knobs");
            foreach (var (key, value) in state.Knobs.OrderBy(pair => pair.Key, StringComparer.Ordinal)) writer.WriteString(key, value);
            writer.WriteEndObject();
            if (state.DataCursor is null) writer.WriteNull("data_cursor");
            else writer.WriteString("data_cursor", state.DataCursor);
            writer.WriteStartObject("rng");
            foreach (var (key, value) in state.RngStates.OrderBy(pair => pair.Key, StringComparer.Ordinal)) writer.WriteBase64String(key, value);
            writer.WriteEndObject();
            writer.WriteStartObject("counters");
            foreach (var (key, value) in state.Counters.OrderBy(pair => pair.Key, StringComparer.Ordinal)) writer.WriteNumber(key, value);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    public static string WriteManifest(CheckpointState state, IEnumerable<FileEntry> files)
    {
        return Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", FormatVersion);
            WritePosition(writer, state);
            writer.WriteStartArray("files");
            foreach (var file in files.OrderBy(entry => entry.Path, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("path", file.Path);
                writer.WriteNumber("bytes", file.Bytes);
                writer.WriteString("sha256", file.Sha256);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public static IReadOnlyList<FileEntry> ReadManifestFiles(JsonElement manifest)
    {
        var format = manifest.GetProperty("format").GetInt32();
        if (format != FormatVersion)
            throw new CheckpointException($"manifest.json has format {format}, this reft reads format {FormatVersion}");
        return manifest.GetProperty("files").EnumerateArray()
            .Select(file => new FileEntry(file.GetProperty("path").GetString()!, file.GetProperty("bytes").GetInt64(), file.GetProperty("sha256").GetString()!))
            .ToList();
    }

    public static CheckpointState ReadState(JsonElement root) => new()
    {
        Stage = root.GetProperty("stage").GetString()!,
        StageIndex = root.GetProperty("stage_index").GetInt32(),
        Step = root.GetProperty("step").GetInt32(),
        SpecHash = root.GetProperty("spec_hash").GetString()!,
        Knobs = root.GetProperty("knobs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
        DataCursor = root.GetProperty("data_cursor").ValueKind == JsonValueKind.Null ? null : root.GetProperty("data_cursor").GetString(),
        RngStates = root.GetProperty("rng").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBytesFromBase64()),
        Counters = root.GetProperty("counters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()),
    };

    private static void WritePosition(Utf8JsonWriter writer, CheckpointState state)
    {
        writer.WriteString("stage", state.Stage);
        writer.WriteNumber("stage_index", state.StageIndex);
        writer.WriteNumber("step", state.Step);
        writer.WriteString("spec_hash", state.SpecHash);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
