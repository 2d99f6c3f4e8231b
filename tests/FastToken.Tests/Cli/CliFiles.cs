namespace FastToken.Tests.Cli;

/// <summary>A temporary folder for key and claims files, deleted with the test.</summary>
internal sealed class CliFiles : IDisposable
{
    public CliFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fasttoken-cli-").FullName;
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Write(string name, string content)
    {
        string path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
