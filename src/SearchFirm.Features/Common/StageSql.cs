using SearchFirm.Domain.Pipeline;

namespace SearchFirm.Features.Common;

/// <summary>
/// A list of stages as SQL literals for an IN (…), made from the Domain's lists so that SQL never
/// spells a list of stages of its own. Safe to paste: the names are the enum's, never input.
/// </summary>
public static class StageSql
{
    public static string List(IEnumerable<Stage> stages) => string.Join(", ", stages.Select(s => $"'{s}'"));
}
