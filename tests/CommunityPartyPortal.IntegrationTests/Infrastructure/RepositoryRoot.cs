namespace CommunityPartyPortal.IntegrationTests.Infrastructure;

/// <summary>The repository's root folder: the nearest folder above the test binaries holding the solution.</summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "CommunityPartyPortal.sln";

    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
