using DataForge.Storage.Readers;
using DataForge.Storage.Readers.Code;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>The instruction of a code file: a Python docstring, a C# type summary, else the read step's template.</summary>
public sealed class CodeInstructionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Of_PythonModuleDocstringAfterShebangAndComments_CleanedText()
    {
        // Arrange
        var program = "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n\n\"\"\"Berechnet die Größe\n    einer Datei.\n\n    Gibt \\\"Bytes\\\" zurück.\n    \"\"\"\nimport os\n\ndef size(path):\n    \"\"\"Not this one.\"\"\"\n    return os.path.getsize(path)\n";

        // Act
        var docstring = PythonDocstring.Of(program);

        // Assert
        Assert.Equal("Berechnet die Größe\neiner Datei.\n\nGibt \"Bytes\" zurück.", docstring);
    }

    [Theory]
    [InlineData("import math\n\n\ndef area(r: float) -> float:\n    '''Return the area of a circle of radius r.'''\n    return math.pi * r ** 2\n", "Return the area of a circle of radius r.")]
    [InlineData("import re\n\n@cache\nasync def fetch(url,\n                timeout=(3, {'a': 1})):\n    r\"\"\"Fetch \\d+ pages.\"\"\"\n", "Fetch \\d+ pages.")]
    [InlineData("def helper(): return 1\n\nclass Stack(list):\n    # comment first\n    \"Last in, first out.\"\n", "Last in, first out.")]
    [InlineData("x = \"\"\"not a docstring\"\"\".strip()\n\ndef f():\n    \"\"\"\n    Indented first line.\n    \"\"\"\n", "Indented first line.")]
    public void Of_NoModuleDocstring_FirstClassOrFunctionThatHasOne(string program, string expected)
    {
        // Act
        var docstring = PythonDocstring.Of(program);

        // Assert
        Assert.Equal(expected, docstring);
    }

    [Theory]
    [InlineData("print('hi')\n")]
    [InlineData("def f():\n    return \"\"\"x\"\"\"\n")]
    [InlineData("\"\"\"   \"\"\"\nx = 1\n")]
    [InlineData("b\"bytes are no docstring\"\n")]
    public void Of_NoDocstring_Null(string program)
    {
        // Act
        var docstring = PythonDocstring.Of(program);

        // Assert
        Assert.Null(docstring);
    }

    [Fact]
    public void Of_CSharpDocumentedType_SummaryWithoutTags()
    {
        // Arrange
        var program = """
            using System;

            namespace Shapes;

            /// <remarks>Not the summary.</remarks>
            internal static class Helpers { }

            /// <summary>
            /// Computes the area of a <see cref="T:Shapes.Circle"/> or a
            /// <see cref="List{T}"/> of them; <paramref name="r"/> must be &gt; 0 &amp; finite.
            /// <para>Returns <c>0</c> for <see langword="null"/>.</para>
            /// </summary>
            [Serializable]
            public sealed record class Area(double r)
            {
                /// <summary>Not this one.</summary>
                public double Value => r;
            }
            """;

        // Act
        var summary = CSharpSummary.Of(program);

        // Assert
        Assert.Equal("Computes the area of a Shapes.Circle or a List<T> of them; r must be > 0 & finite. Returns 0 for null.", summary);
    }

    [Fact]
    public void Of_CSharpTopLevelStatements_Null()
    {
        // Act
        var summary = CSharpSummary.Of("/// <summary>A method, not a type.</summary>\nstatic int Square(int x) => x * x;\nConsole.WriteLine(Square(4));\n");

        // Assert
        Assert.Null(summary);
    }

    [Fact]
    public async Task ReadAsync_CodeFiles_DocstringSummaryOrTemplateAndSourceIsRelativePathLineOne()
    {
        // Arrange
        _folder.Write("code/lib/geo.py", "\"\"\"Geometry helpers for maps.\"\"\"\n\ndef d(a, b):\n    return abs(a - b)\n");
        _folder.Write("code/Shapes/Circle.cs", "/// <summary>A circle of radius <c>R</c>.</summary>\npublic record Circle(double R);\n");
        _folder.Write("code/run.sh", "echo hi\n");
        _folder.Write("code/plain.py", "print('x')\n");
        var options = RecordReaderOptions.Default with { BaseDirectory = _folder.Path, CodeInstruction = "Write the {language} program {name} ({file})." };

        // Act
        var samples = (await ReaderTestKit.ReadAllAsync(_folder.Combine("code"), options)).Select(o => o.Sample).ToList();

        // Assert
        Assert.Equal(
            [
                ("code/Shapes/Circle.cs:1", "A circle of radius R."),
                ("code/lib/geo.py:1", "Geometry helpers for maps."),
                ("code/plain.py:1", "Write the python program plain.py (code/plain.py)."),
                ("code/run.sh:1", "Write the bash program run.sh (code/run.sh)."),
            ],
            samples.Select(s => (s.Source!, s.Instruction!)));
    }

    [Fact]
    public void Check_UnknownPlaceholder_ProblemOnCodeInstruction()
    {
        // Arrange
        var options = new ReadStepOptions { Path = "x", CodeInstruction = "Write {lang} code." };

        // Act
        var problem = options.Check();

        // Assert
        Assert.Equal("code_instruction", problem?.Key);
        Assert.Equal("'{lang}' is not a placeholder; use {language}, {file}, {name}", problem?.Message);
    }
}
