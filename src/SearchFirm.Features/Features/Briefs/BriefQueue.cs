using Hangfire;

namespace SearchFirm.Features.Briefs;

/// <summary>Hands a brief to a background worker, by id: the job reads everything else from the row.</summary>
public interface IBriefQueue
{
    void Enqueue(Guid briefId);
}

internal sealed class HangfireBriefQueue(IBackgroundJobClient jobs) : IBriefQueue
{
    public void Enqueue(Guid briefId) => jobs.Enqueue<RenderBriefJob>(job => job.RunAsync(briefId, CancellationToken.None));
}
