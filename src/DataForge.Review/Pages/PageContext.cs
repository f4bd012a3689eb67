using DataForge.Review.Index;

namespace DataForge.Review.Pages;

/// <summary>What every page needs: the target, the selected run and its index, the CSRF token.</summary>
internal sealed record PageContext(ReviewTarget Target, ReviewRun Run, ReviewIndex Index, string CsrfToken, string SearchText = "", string PathForRunSelector = "/")
{
    /// <summary><paramref name="path"/> with the run selected (when it is not the default one).</summary>
    public string Url(string path, string query = "")
    {
        var run = Run.Name == Target.Runs[0].Name ? "" : $"run={Uri.EscapeDataString(Run.Name)}";
        var all = string.Join('&', new[] { run, query }.Where(p => p.Length > 0));
        return all.Length == 0 ? path : $"{path}?{all}";
    }

    /// <summary>The detail page of <paramref name="id"/> in this run.</summary>
    public string Detail(string id, string query = "") => Url($"/samples/{Uri.EscapeDataString(id)}", query);
}
