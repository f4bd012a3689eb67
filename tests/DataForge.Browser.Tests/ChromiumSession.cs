using Microsoft.Playwright;
using Xunit;

namespace DataForge.Browser.Tests;

/// <summary>
/// One headless Chromium per test class (use as <c>IClassFixture&lt;ChromiumSession&gt;</c>): the system's
/// Debian <c>chromium</c>, driven by Playwright's bundled Node driver, with no browser download. Each
/// <see cref="NewPageAsync"/> gets its own browser context (no shared cookies or storage) whose every request
/// is recorded and whose requests to any host but the loopback are aborted, so nothing leaves the machine.
/// When Chromium is missing, every test of the class fails with one line saying how to install it.
/// </summary>
public sealed class ChromiumSession : IAsyncLifetime
{
    /// <summary>Where Debian's <c>chromium</c> package puts its launcher.</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    /// <summary>The environment variable that names another Chromium binary (for machines without Debian's package).</summary>
    public const string ExecutableVariable = "DATAFORGE_CHROMIUM";

    /// <summary>The switches Chromium is started with (Playwright adds its own automation switches and <c>--headless</c>).</summary>
    public static readonly IReadOnlyList<string> Switches =
        ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"];

    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The running browser (after the fixture has started).</summary>
    public IBrowser Browser => browser ?? throw new InvalidOperationException("The Chromium session has not started.");

    /// <summary>
    /// The Chromium binary: <see cref="ExecutableVariable"/> when set, else <see cref="DefaultExecutable"/>.
    /// Throws <see cref="FileNotFoundException"/> with the install command when it does not exist.
    /// </summary>
    public static string LocateChromium(string? overridePath)
    {
        var path = string.IsNullOrWhiteSpace(overridePath) ? DefaultExecutable : overridePath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Chromium not found at {path}: the browser tests need Debian's chromium package " +
                $"(`sudo apt-get install -y chromium`; `./dataforge test` installs it) or {ExecutableVariable}=<path to a Chromium binary>.",
                path);
        }

        return path;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var executable = LocateChromium(Environment.GetEnvironmentVariable(ExecutableVariable));
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Switches,
            Timeout = 60_000,
        });
    }

    /// <summary>A new page in a fresh context, recording console messages, page errors, dialogs and requests.</summary>
    public async Task<ObservedPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 } });
        // A guard against a hung page, not a speed check: pages of a server indexing a run on a loaded 2-core CI machine take seconds.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await ObservedPage.OpenAsync(context);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}
