using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>The documentation is self-contained: its links resolve, and nothing cites a file the repository does not hold.</summary>
public sealed partial class DocsTests
{
    private static readonly string Root = CliRunner.RepoRoot;

    /// <summary>README.md, CONTRIBUTING.md, bench/README.md, deploy/README.md and every page in docs/.</summary>
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var page in new[] { "README.md", "CONTRIBUTING.md", Path.Combine("bench", "README.md"), Path.Combine("deploy", "README.md") }
                     .Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(p => Path.GetRelativePath(Root, p)).Order(StringComparer.Ordinal)))
        {
            pages.Add(page.Replace('\\', '/'));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRelativeLink_PointsToAnExistingFileAndAnchor(string page)
    {
        // Act
        var problems = BrokenLinks(Path.Combine(Root, page), File.ReadAllText(Path.Combine(Root, page)));

        // Assert
        Assert.True(problems.Count == 0, $"{page}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void BrokenLinks_FindsAMissingFileAndAMissingAnchor()
    {
        // Act
        var problems = BrokenLinks(Path.Combine(Root, "README.md"), "[a](docs/none.md) [b](docs/algorithms.md#none) [c](docs/algorithms.md#lintseq) [d](https://example.org/x)\n```\n[e](inside-a-code-block.md)\n```\n");

        // Assert
        Assert.Equal(["docs/none.md: no such file", "docs/algorithms.md#none: no heading with that anchor"], problems);
    }

    [Fact]
    public void NoFile_CitesADocumentOutsideTheRepository()
    {
        // Arrange: the names are assembled so that this file does not cite them itself.
        string[] missing = [.. new[] { "ALGORITHMS", "DESIGN", "CONTRACTS", "STYLE", "TOOLCHAIN" }.Select(name => name + ".md")];
        Assert.All(missing, name => Assert.False(File.Exists(Path.Combine(Root, name)), $"{name} exists now; drop it from this list."));
        string[] extensions = [".cs", ".md", ".sh", ".py", ".toml", ".txt", ".csproj", ".props", ".targets", ".yml", ".yaml"];
        var files = new[] { "src", "tests", "docs", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*", SearchOption.AllDirectories))
            .Where(file => extensions.Contains(Path.GetExtension(file), StringComparer.Ordinal))
            .Where(file => !Path.GetRelativePath(Root, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Append(Path.Combine(Root, "README.md"))
            .Append(Path.Combine(Root, "CONTRIBUTING.md"))
            .ToList();

        // Act
        var citations = (from file in files
                         let text = File.ReadAllText(file)
                         from name in missing
                         where text.Contains(name, StringComparison.Ordinal)
                         select $"{Path.GetRelativePath(Root, file)} cites {name}").ToList();

        // Assert
        Assert.True(files.Count > 100, $"only {files.Count} files scanned");
        Assert.True(citations.Count == 0, string.Join("\n", citations));
    }

    [Fact]
    public void Anchors_FollowGitHubsHeadingSlugs()
    {
        // Act
        var anchors = Anchors("# IFD and IC-IFD\n## Rouge-L novelty filter\n### selection-bench.sh (selection quality)\n## A\n## A\n");

        // Assert
        Assert.Equal(["ifd-and-ic-ifd", "rouge-l-novelty-filter", "selection-benchsh-selection-quality", "a", "a-1"], anchors);
    }

    /// <summary>The relative links of <paramref name="markdown"/> (the text of <paramref name="path"/>) whose file or heading does not exist.</summary>
    private static List<string> BrokenLinks(string path, string markdown)
    {
        var problems = new List<string>();
        foreach (Match link in Link().Matches(WithoutCodeBlocks(markdown)))
        {
            var target = link.Groups[1].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var resolved = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, file));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                problems.Add($"{target}: no such file");
            }
            else if (anchor is not null && resolved.EndsWith(".md", StringComparison.Ordinal)
                     && !Anchors(resolved == path ? markdown : File.ReadAllText(resolved)).Contains(anchor))
            {
                problems.Add($"{target}: no heading with that anchor");
            }
        }

        return problems;
    }

    /// <summary>GitHub's anchors of a Markdown file's headings: lower case, punctuation but '-' and '_' removed, spaces to '-', repeats numbered.</summary>
    private static List<string> Anchors(string markdown)
    {
        var anchors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in WithoutCodeBlocks(markdown).Split('\n'))
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            var slug = new StringBuilder();
            foreach (var c in heading.Groups[1].Value.Trim().ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    slug.Append(c);
                }
                else if (c == ' ')
                {
                    slug.Append('-');
                }
            }

            var anchor = slug.ToString();
            var repeats = seen.GetValueOrDefault(anchor);
            seen[anchor] = repeats + 1;
            anchors.Add(repeats == 0 ? anchor : $"{anchor}-{repeats}");
        }

        return anchors;
    }

    private static string WithoutCodeBlocks(string markdown) => CodeBlock().Replace(markdown, "");

    [GeneratedRegex(@"\[[^\]\n]*\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6} (.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
