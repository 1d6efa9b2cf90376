namespace SearchFirm.Domain.Searches;

/// <summary>One weighted line of a role specification.</summary>
public sealed record Criterion(string Key, string Label, int Weight, bool Required);
