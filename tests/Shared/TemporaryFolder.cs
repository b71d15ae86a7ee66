namespace Reft.Tests.Shared;

/// <summary>A fresh folder under the system temp path, deleted when the test ends.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("reft-tests-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(string name, string content)
    {
        var file = Combine(name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        // A test that failed half-way may leave a file open on some platforms; the temp folder is
        // not worth failing the run over.
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
