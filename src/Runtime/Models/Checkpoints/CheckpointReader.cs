namespace Reft.Runtime.Models;

/// <summary>
/// The tensors of a Hugging Face checkpoint folder, from <c>model.safetensors</c> or from the
/// shards a <c>model.safetensors.index.json</c> lists. Every shard header is validated on open.
/// </summary>
public sealed class CheckpointReader : IDisposable
{
    public const string SingleFileName = "model.safetensors";

    private readonly List<SafetensorsFile> files;
    private readonly Dictionary<string, SafetensorsFile> fileByTensor;

    private CheckpointReader(string folder, List<SafetensorsFile> files, Dictionary<string, SafetensorsFile> fileByTensor)
    {
        Folder = folder;
        this.files = files;
        this.fileByTensor = fileByTensor;
    }

    public string Folder { get; }

    public IEnumerable<string> TensorNames => fileByTensor.Keys;

    public static CheckpointReader Open(string folder)
    {
        var indexPath = Path.Combine(folder, SafetensorsIndex.FileName);
        var singlePath = Path.Combine(folder, SingleFileName);
        if (File.Exists(indexPath))
        {
            return OpenSharded(folder, indexPath);
        }

        if (File.Exists(singlePath))
        {
            var file = SafetensorsFile.Open(singlePath);
            return new CheckpointReader(folder, [file], file.Header.Entries.ToDictionary(entry => entry.Name, _ => file, StringComparer.Ordinal));
        }

        throw new ModelFileException(folder,
            $"holds neither {SingleFileName} nor {SafetensorsIndex.FileName}; point the model at a Hugging Face checkpoint folder");
    }

    public bool Contains(string name) => fileByTensor.ContainsKey(name);

    /// <summary>The file holding <paramref name="name"/> and its entry; a missing tensor is a clear error.</summary>
    public (SafetensorsFile File, SafetensorsEntry Entry) Find(string name) =>
        fileByTensor.TryGetValue(name, out var file)
            ? (file, file.Entry(name))
            : throw new ModelFileException(Folder,
                $"the checkpoint has no tensor '{name}', which the model's config.json requires; check that config.json belongs to these weights");

    public void Dispose()
    {
        foreach (var file in files)
        {
            file.Dispose();
        }
    }

    private static CheckpointReader OpenSharded(string folder, string indexPath)
    {
        var index = SafetensorsIndex.Read(indexPath);
        var files = new List<SafetensorsFile>();
        var byTensor = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        try
        {
            foreach (var shard in index.ShardFiles)
            {
                var shardPath = Path.Combine(folder, shard);
                if (!File.Exists(shardPath))
                {
                    throw new ModelFileException(indexPath, $"lists shard '{shard}', which is not in the folder; download the missing shard");
                }

                files.Add(SafetensorsFile.Open(shardPath));
            }

            var fileByName = files.ToDictionary(file => Path.GetFileName(file.Path), StringComparer.Ordinal);
            foreach (var (tensor, shard) in index.WeightMap)
            {
                var file = fileByName[shard];
                if (!file.Header.TryGet(tensor, out _))
                {
                    throw new ModelFileException(file.Path,
                        $"has no tensor '{tensor}', although {SafetensorsIndex.FileName} says it is there; re-download the checkpoint");
                }

                byTensor[tensor] = file;
            }

            return new CheckpointReader(folder, files, byTensor);
        }
        catch
        {
            files.ForEach(file => file.Dispose());
            throw;
        }
    }
}
