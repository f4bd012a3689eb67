namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// Whether an endpoint takes requests. It is ejected after <c>ejectAfter</c> failures in a row (at
/// once when its connection is refused: nobody listens there), for a cool-down that doubles with each
/// ejection without a success in between, up to a ceiling. Once the cool-down is over a probe asks
/// the server; an answer re-admits it on probation (one more failure ejects it again, for longer), a
/// success ends the probation. Not thread-safe: the pool's lock guards it.
/// </summary>
internal sealed class EndpointHealth(int ejectAfter, TimeSpan coolDown, TimeSpan maxCoolDown)
{
    private int _failuresInARow;
    private int _ejectionsInARow;

    /// <summary>Null while it takes requests; else when its probe is due.</summary>
    public DateTimeOffset? EjectedUntil { get; private set; }

    public bool IsAdmitted => EjectedUntil is null;

    /// <summary>A probe is on its way.</summary>
    public bool Probing { get; private set; }

    /// <summary>Times it was taken out of the rotation.</summary>
    public long Ejections { get; private set; }

    /// <summary>What its last failure (attempt or probe) was; null before any.</summary>
    public string? LastError { get; private set; }

    /// <summary>Counts a failed attempt; true when it ejected the endpoint (never when <paramref name="canEject"/> is false).</summary>
    public bool Failed(string detail, bool refused, DateTimeOffset now, bool canEject = true)
    {
        LastError = detail;
        if (!IsAdmitted || !canEject)
        {
            return false; // an attempt sent before the ejection: already out
        }

        _failuresInARow++;
        if (refused || _failuresInARow >= ejectAfter || _ejectionsInARow > 0)
        {
            Ejections++;
            Eject(now);
            return true;
        }

        return false;
    }

    /// <summary>An attempt was answered: the failures in a row and any probation end.</summary>
    public void Answered()
    {
        if (IsAdmitted)
        {
            _failuresInARow = 0;
            _ejectionsInARow = 0;
        }
    }

    /// <summary>True (and marked probing) when the cool-down is over and nobody probes yet.</summary>
    public bool StartProbe(DateTimeOffset now)
    {
        if (IsAdmitted || Probing || now < EjectedUntil)
        {
            return false;
        }

        Probing = true;
        return true;
    }

    /// <summary>The probe's outcome: an answer re-admits on probation, a failure starts a longer cool-down.</summary>
    public void Probed(string? failure, DateTimeOffset now)
    {
        Probing = false;
        if (failure is null)
        {
            EjectedUntil = null;
            _failuresInARow = 0;
            return;
        }

        LastError = failure;
        Eject(now);
    }

    private void Eject(DateTimeOffset now)
    {
        var ceiling = maxCoolDown < coolDown ? coolDown : maxCoolDown;
        var wait = coolDown.TotalMilliseconds * Math.Pow(2, Math.Min(_ejectionsInARow, 30));
        EjectedUntil = now + TimeSpan.FromMilliseconds(Math.Min(wait, ceiling.TotalMilliseconds));
        _ejectionsInARow++;
        _failuresInARow = 0;
    }
}
