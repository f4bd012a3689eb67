using DataForge.LintSeq.Linters;
using Xunit;

namespace DataForge.LintSeq.Tests.Linters;

public sealed class PythonLinterCheckTests
{
    [Fact]
    public void Problem_InstalledLinter_IsNull()
    {
        // `./dataforge test` installs pylint and pyflakes3 before the tests run.
        Assert.Null(PythonLinterCheck.Problem("pylint"));
        Assert.Null(PythonLinterCheck.Problem("pyflakes"));
    }

    [Fact]
    public void Problem_MissingPythonOrModule_NamesTheInstallCommand()
    {
        // Act
        var noPython = PythonLinterCheck.Problem("pylint", "/nonexistent/python3");
        var noModule = PythonLinterCheck.Problem("no_such_linter_module_xyz");

        // Assert
        Assert.Contains(PythonLinterOptions.InstallCommand, noPython, StringComparison.Ordinal);
        Assert.Contains("cannot import no_such_linter_module_xyz", noModule, StringComparison.Ordinal);
    }
}
