using System.Text;
using DataForge.Core.Records;

namespace DataForge.Core.Tests.Engine;

/// <summary>Samples as JSON lines, to compare runs byte for byte.</summary>
internal static class SampleText
{
    public static string Json(IEnumerable<Sample> samples) => string.Join('\n', samples.Select(s => Encoding.UTF8.GetString(SampleJson.Serialize(s))));
}
