using System.Globalization;
using FastToken.LoadTest;

// On demand, not in CI:
// dotnet run -c Release --project bench/FastToken.LoadTest -- [seconds] [connections] [rounds] [output.md]
int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
int connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
int rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
string output = args.Length > 3 ? args[3] : Path.Combine(ProjectDirectory(), "RESULTS.md");

return await LoadTest.RunAsync(seconds, connections, rounds, output);

// The folder of this project, found from the build output, so that the results land beside it
// whatever the working directory.
static string ProjectDirectory()
{
    for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "FastToken.LoadTest.csproj")))
        {
            return folder.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
