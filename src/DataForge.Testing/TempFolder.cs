using System.Text;

namespace DataForge.Testing;

/// <summary>A fresh folder under the system temp folder, deleted (best effort) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("dataforge-tests-").FullName;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path below this folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="relative"/> (folders created) and returns the full path.</summary>
    public string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="relative"/> (folders created) and returns the full path.</summary>
    public string Write(string relative, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>Copies the folder <paramref name="folder"/> (with its subfolders and hidden files) into this folder.</summary>
    public void CopyFrom(string folder) => CopyFolder(folder, Path);

    /// <summary>Copies the folder <paramref name="from"/> (with its subfolders and hidden files) to <paramref name="to"/>.</summary>
    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Copies the committed model <c>models/NAME</c> to <paramref name="to"/>.</summary>
    public static void CopyModel(string name, string to) => CopyFolder(RepoPaths.Combine("models", name), to);

    /// <summary>Deletes the folder; a leftover temp folder is harmless, so a failure is ignored.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not fail a test.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: a test that made a file read-only may leave it behind.
        }
    }
}
