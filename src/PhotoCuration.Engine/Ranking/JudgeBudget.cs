namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// The run's token budget. A call reserves its estimated tokens before it is made (so parallel
/// moments cannot overshoot together) and settles with what the server reported; once a reservation
/// does not fit, the budget is exhausted and no further call is made. Cached judgments cost nothing.
/// </summary>
public sealed class JudgeBudget
{
    private readonly object _gate = new();
    private readonly int _prior;
    private long _reserved;

    public JudgeBudget(int limit, int priorEstimatePerCall)
    {
        Limit = limit;
        _prior = Math.Max(1, priorEstimatePerCall);
    }

    public int Limit { get; }
    public long InputTokens { get; private set; }
    public long OutputTokens { get; private set; }
    public long Spent => InputTokens + OutputTokens;
    public int Calls { get; private set; }
    public int FailedCalls { get; private set; }
    public bool Exhausted { get; private set; }

    /// <summary>Expected tokens of the next call: the prior estimate until calls have been paid for, then their mean if larger.</summary>
    public int NextEstimate
    {
        get
        {
            lock (_gate) return Calls == 0 ? _prior : (int)Math.Max(_prior, Spent / Calls);
        }
    }

    /// <summary>Reserves a call's tokens; false (and exhausted) when they do not fit.</summary>
    public bool TryReserve(out int reservation)
    {
        lock (_gate)
        {
            reservation = Calls == 0 ? _prior : (int)Math.Max(_prior, Spent / Calls);
            if (Exhausted || Spent + _reserved + reservation > Limit)
            {
                Exhausted = true;
                reservation = 0;
                return false;
            }
            _reserved += reservation;
            return true;
        }
    }

    public void Settle(int reservation, JudgeVerdict verdict)
    {
        lock (_gate)
        {
            _reserved -= reservation;
            InputTokens += verdict.InputTokens;
            OutputTokens += verdict.OutputTokens;
            Calls++;
        }
    }

    /// <summary>A failed call: its tokens are unknown and not counted; the reservation is returned.</summary>
    public void Release(int reservation)
    {
        lock (_gate)
        {
            _reserved -= reservation;
            FailedCalls++;
        }
    }
}
