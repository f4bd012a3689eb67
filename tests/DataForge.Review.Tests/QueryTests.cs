using System.Globalization;
using Xunit;

namespace DataForge.Review.Tests;

/// <summary>The sample list's filters, search, sort and paging, checked against DuckDB over the same shards.</summary>
[Collection(SharedRuns.Name)]
public sealed class QueryTests(ReviewRuns runs)
{
    [Fact]
    public async Task Filters_StatusReasonKindLanguageAndScore_CountAsDuckDbDoes()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Default);
        var all = Duck.All(runs.Default);
        var reason = (string)Duck.Rows($"SELECT reason FROM {all} WHERE NOT kept GROUP BY reason ORDER BY count(*) DESC LIMIT 1")[0][0]!;
        var median = Convert.ToDouble(Duck.Rows($"SELECT median(ic_ifd) FROM {all}")[0][0], CultureInfo.InvariantCulture);
        var threshold = median.ToString("R", CultureInfo.InvariantCulture);

        // Act
        var rejected = Served.Total(await served.PageAsync("/samples?status=rejected"));
        var byReason = Served.Total(await served.PageAsync($"/samples?reason={reason}"));
        var python = Served.Total(await served.PageAsync("/samples?status=kept&kind=edit_sequence&language=python"));
        var high = Served.Total(await served.PageAsync($"/samples?min_ic_ifd={threshold}"));

        // Assert
        Assert.Equal(Duck.Count($"SELECT count(*) FROM {all} WHERE NOT kept"), rejected);
        Assert.Equal(Duck.Count($"SELECT count(*) FROM {all} WHERE reason = '{reason}'"), byReason);
        Assert.Equal(Duck.Count($"SELECT count(*) FROM {all} WHERE kept AND kind = 'edit_sequence' AND language = 'python'"), python);
        Assert.True(python > 0);
        Assert.Equal(Duck.Count($"SELECT count(*) FROM {all} WHERE ic_ifd >= {threshold}"), high);
    }

    [Fact]
    public async Task Search_AWord_FindsTheRecordsThatHoldIt()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Sample);
        const string Word = "the";
        var text = "lower(coalesce(instruction, '') || ' ' || coalesce(input, '') || ' ' || coalesce(output, ''))";

        // Act
        var found = Served.Total(await served.PageAsync($"/samples?q={Word}"));

        // Assert
        var expected = Duck.Count($"SELECT count(*) FROM {Duck.All(runs.Sample)} WHERE regexp_matches({text}, '(^|[^a-z0-9]){Word}([^a-z0-9]|$)')");
        Assert.True(expected > 0);
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Sort_ByIcIfdDescending_ListsTheHighestScoresFirst()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Default);
        var all = Duck.All(runs.Default);

        // Act
        var ids = Served.RowIds(await served.PageAsync("/samples?sort=ic_ifd&dir=desc&per_page=10"));

        // Assert: the page's scores are the ten highest, in order.
        var scores = ids.Select(id => Duck.Rows($"SELECT ic_ifd FROM {all} WHERE id = '{id}' ORDER BY kept DESC LIMIT 1")[0][0]).Select(v => v is null ? double.NaN : Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToList();
        var top = Duck.Rows($"SELECT ic_ifd FROM {all} ORDER BY ic_ifd DESC NULLS LAST LIMIT 10").Select(r => r[0] is null ? double.NaN : Convert.ToDouble(r[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(10, ids.Count);
        Assert.Equal(top, scores);
    }

    [Fact]
    public async Task Paging_EveryPage_TogetherListEveryRecordOnce()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Sample);
        var total = Duck.Count($"SELECT count(*) FROM {Duck.All(runs.Sample)}");

        // Act
        var ids = new List<string>();
        for (var page = 1; page <= (total + 6) / 7; page++)
        {
            ids.AddRange(Served.RowIds(await served.PageAsync($"/samples?per_page=7&page={page}")));
        }

        // Assert
        Assert.Equal(total, ids.Count);
        Assert.Equal(Duck.Count($"SELECT count(DISTINCT id) FROM {Duck.All(runs.Sample)}"), ids.Distinct().Count());
        Assert.Empty(Served.RowIds(await served.PageAsync($"/samples?per_page=7&page={((total + 6) / 7) + 1}")));
    }
}
