using System.Text.Json;

namespace Reft.Runtime.Models;

/// <summary>
/// The <c>model.safetensors.index.json</c> of a sharded checkpoint: which shard file holds each tensor.
/// </summary>
public sealed record SafetensorsIndex(IReadOnlyDictionary<string, string> WeightMap)
{
    public const string FileName = "model.safetensors.index.json";

    public IReadOnlyList<string> ShardFiles => WeightMap.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static SafetensorsIndex Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, $"cannot read the shard index ({error.Message}); check that it exists and is readable");
        }

        return Parse(path, text);
    }

    public static SafetensorsIndex Parse(string path, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new ModelFileException(path, $"the shard index is not valid JSON ({error.Message}); re-export the checkpoint");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("weight_map", out var weightMap)
                || weightMap.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFileException(path, "the shard index has no 'weight_map' object; re-export the checkpoint");
            }

            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in weightMap.EnumerateObject())
            {
                if (item.Value.ValueKind != JsonValueKind.String)
                {
                    throw new ModelFileException(path, $"weight_map entry '{item.Name}' must name a shard file");
                }

                var shard = item.Value.GetString()!;
                if (shard.Length == 0 || shard != System.IO.Path.GetFileName(shard) || shard is "." or "..")
                {
                    throw new ModelFileException(path,
                        $"weight_map entry '{item.Name}' names '{shard}'; shards must be plain file names in the same folder");
                }

                if (!map.TryAdd(item.Name, shard))
                {
                    throw new ModelFileException(path, $"weight_map lists tensor '{item.Name}' twice");
                }
            }

            return new SafetensorsIndex(map);
        }
    }
}
