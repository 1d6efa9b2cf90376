using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;

namespace SearchFirm.Domain.Scorecards;

/// <summary>What every rule may look at; <see cref="Today"/> is passed in so a score is reproducible.</summary>
internal sealed record ScoringContext(CandidateProfile Profile, ClientKind Kind, DateOnly Today);
