using System.Text;

namespace SearchFirm.Features.Network;

/// <summary>
/// A set of ids as one JSON array parameter: json_each(@Ids) on SQLite, OPENJSON(@Ids) on SQL
/// Server. One constant SQL text whatever the count (cached plans, no 2,100-parameter limit),
/// and every value still travels as a parameter, never pasted into the SQL.
/// </summary>
internal static class JsonIds
{
    public static string Of(IEnumerable<Guid> ids)
    {
        var builder = new StringBuilder("[");
        foreach (var id in ids)
        {
            if (builder.Length > 1) builder.Append(',');
            builder.Append('"').Append(id.ToString("D")).Append('"');
        }

        return builder.Append(']').ToString();
    }
}
