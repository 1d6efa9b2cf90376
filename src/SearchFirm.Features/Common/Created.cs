namespace SearchFirm.Features.Common;

/// <summary>The body of a 201: the new thing's id.</summary>
public sealed record Created(Guid Id);
