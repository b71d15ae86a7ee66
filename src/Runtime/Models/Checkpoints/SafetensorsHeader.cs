using System.Text.Json;

namespace Reft.Runtime.Models;

/// <summary>
/// The validated JSON header of a safetensors file: every tensor's dtype, shape and byte range.
/// Parsing checks everything that can be checked without reading tensor data, so that a corrupt
/// or truncated file is rejected before any tensor is created.
/// </summary>
public sealed class SafetensorsHeader
{
    /// <summary>The format's own limit; a larger header means a corrupt length prefix.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private readonly Dictionary<string, SafetensorsEntry> entriesByName;

    private SafetensorsHeader(IReadOnlyList<SafetensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Entries = entries;
        Metadata = metadata;
        entriesByName = entries.ToDictionary(entry => entry.Name, StringComparer.Ordinal);
    }

    /// <summary>Entries in data order (ascending offset).</summary>
    public IReadOnlyList<SafetensorsEntry> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public bool TryGet(string name, out SafetensorsEntry entry) => entriesByName.TryGetValue(name, out entry!);

    /// <summary>
    /// Parses and validates <paramref name="headerJson"/>; <paramref name="dataLength"/> is the
    /// number of bytes the file holds after the header. Throws <see cref="ModelFileException"/>
    /// naming <paramref name="path"/> and the offending tensor.
    /// </summary>
    public static SafetensorsHeader Parse(string path, ReadOnlySpan<byte> headerJson, long dataLength)
    {
        using var document = ParseJson(path, headerJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw Corrupt(path, $"the header is a JSON {Describe(document.RootElement.ValueKind)}, not an object of tensors");
        }

        var entries = new List<SafetensorsEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw Corrupt(path, $"tensor '{property.Name}' is listed twice in the header");
            }

            if (property.Name == MetadataKey)
            {
                ReadMetadata(path, property.Value, metadata);
            }
            else
            {
                entries.Add(ReadEntry(path, property.Name, property.Value));
            }
        }

        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        CheckRanges(path, entries, dataLength);
        return new SafetensorsHeader(entries, metadata);
    }

    private static JsonDocument ParseJson(string path, ReadOnlySpan<byte> headerJson)
    {
        try
        {
            var bytes = headerJson.ToArray();
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException error)
        {
            throw Corrupt(path, $"the header is not valid JSON ({error.Message})");
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Corrupt(path, "'__metadata__' must be an object of strings");
        }

        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Corrupt(path, $"'__metadata__' value '{item.Name}' must be a string");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafetensorsEntry ReadEntry(string path, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Corrupt(path, $"tensor '{name}' must be an object with dtype, shape and data_offsets");
        }

        var dtypeName = RequireProperty(path, name, value, "dtype", JsonValueKind.String).GetString()!;
        if (!SafetensorsDTypes.TryParse(dtypeName, out var dtype))
        {
            throw new ModelFileException(path,
                $"tensor '{name}' has dtype '{dtypeName}', which cannot be loaded; convert the checkpoint to one of {SafetensorsDTypes.SupportedList}");
        }

        var shape = ReadIntegers(path, name, RequireProperty(path, name, value, "shape", JsonValueKind.Array), "shape");
        var offsets = ReadIntegers(path, name, RequireProperty(path, name, value, "data_offsets", JsonValueKind.Array), "data_offsets");
        if (offsets.Length != 2)
        {
            throw Corrupt(path, $"tensor '{name}' has {offsets.Length} data_offsets; expected [begin, end]");
        }

        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin)
        {
            throw Corrupt(path, $"tensor '{name}' ends (byte {end}) before it begins (byte {begin})");
        }

        var expectedBytes = ByteCount(path, name, shape, dtype);
        if (end - begin != expectedBytes)
        {
            throw Corrupt(path,
                $"tensor '{name}' ({dtypeName} {FormatShape(shape)}) needs {expectedBytes} bytes but its data_offsets span {end - begin}");
        }

        return new SafetensorsEntry(name, dtype, shape, begin, end);
    }

    private static long ByteCount(string path, string name, long[] shape, SafetensorsDType dtype)
    {
        try
        {
            return checked(shape.Aggregate(1L, (product, dim) => product * dim) * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw Corrupt(path, $"tensor '{name}' has shape {FormatShape(shape)}, too large to be real");
        }
    }

    private static JsonElement RequireProperty(string path, string name, JsonElement value, string key, JsonValueKind kind)
    {
        if (!value.TryGetProperty(key, out var property))
        {
            throw Corrupt(path, $"tensor '{name}' has no '{key}'");
        }

        if (property.ValueKind != kind)
        {
            throw Corrupt(path, $"tensor '{name}' has a '{key}' that is a JSON {Describe(property.ValueKind)}, expected {Describe(kind)}");
        }

        return property;
    }

    private static long[] ReadIntegers(string path, string name, JsonElement array, string key)
    {
        var values = new long[array.GetArrayLength()];
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var number) || number < 0)
            {
                throw Corrupt(path, $"tensor '{name}' has '{key}' entry {item.GetRawText()}; expected a non-negative integer");
            }

            values[index++] = number;
        }

        return values;
    }

    private static void CheckRanges(string path, List<SafetensorsEntry> sortedEntries, long dataLength)
    {
        SafetensorsEntry? previous = null;
        foreach (var entry in sortedEntries)
        {
            if (entry.End > dataLength)
            {
                throw new ModelFileException(path,
                    $"tensor '{entry.Name}' needs data bytes {entry.Begin}..{entry.End} but the file holds only {dataLength} data bytes; the file is truncated, download or copy it again");
            }

            if (previous is not null && entry.Begin < previous.End && entry.ByteLength > 0 && previous.ByteLength > 0)
            {
                throw Corrupt(path,
                    $"tensors '{previous.Name}' (bytes {previous.Begin}..{previous.End}) and '{entry.Name}' (bytes {entry.Begin}..{entry.End}) overlap");
            }

            if (entry.ByteLength > 0)
            {
                previous = entry;
            }
        }
    }

    private static string FormatShape(long[] shape) => "[" + string.Join(", ", shape) + "]";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    private static ModelFileException Corrupt(string path, string problem) =>
        new(path, $"corrupt safetensors header: {problem}; the file is damaged or was not written as safetensors, re-export it");
}
