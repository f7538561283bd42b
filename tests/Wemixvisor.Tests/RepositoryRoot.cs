namespace Wemixvisor.Tests;

/// <summary>The repository checkout the tests run from: the first parent directory holding Wemixvisor.sln.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wemixvisor.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no Wemixvisor.sln above {AppContext.BaseDirectory}");
    }
}
