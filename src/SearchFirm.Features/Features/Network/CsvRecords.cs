using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;

namespace SearchFirm.Features.Network;

/// <summary>One CSV record by column name; <see cref="Row"/> is its line in the file (the header is line 1).</summary>
internal sealed class CsvRecord(long row, Dictionary<string, int> columns, string?[] values)
{
    public long Row { get; } = row;

    /// <summary>The trimmed value, or null when the column is absent or the field empty.</summary>
    public string? Get(string column) => columns.TryGetValue(column, out var i) && i < values.Length ? values[i] : null;
}

/// <summary>Reading the import's CSV files with CsvHelper, tolerant of what spreadsheets write.</summary>
internal static class CsvRecords
{
    /// <summary>Header names compare without case, spaces or underscores: "Full Name" is full_name.</summary>
    public static string Normalise(string header) => header.Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>
    /// The records of a file. Malformed records (bad quoting) are reported through
    /// <paramref name="reject"/> and skipped; a line break always ends a record, so one unbalanced
    /// quote cannot swallow the rest of the file. A header without <paramref name="required"/>
    /// columns, or without any of <paramref name="oneOf"/>, refuses the file.
    /// </summary>
    /// <param name="malformedRows">Counts the malformed records, which are rows of the file too.</param>
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(Stream stream, string file, string[] required, string[] oneOf,
        Action<string, long, string> reject, StrongBox<int> malformedRows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var malformed = new List<CsvMalformedRecord>();
        await using var reader = CsvReader.Create(stream, Options(malformed), leaveOpen: true);
        await reader.ReadHeaderAsync(cancellationToken);
        var byName = Columns(reader.Headers, file, required, oneOf);
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in required.Concat(oneOf).Concat(["current_title", "current_organisation", "off_limits", "source", "since", "external_id", "email", "full_name"]))
            if (byName.TryGetValue(Normalise(name), out var index)) lookup[name] = index;

        while (await reader.ReadAsync(cancellationToken))
        {
            Report(malformed);
            var values = new string?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                var value = reader.GetString(i);
                values[i] = string.IsNullOrWhiteSpace(value) ? null : value;
            }

            yield return new CsvRecord(reader.LineNumber, lookup, values);
        }

        Report(malformed);

        void Report(List<CsvMalformedRecord> found)
        {
            foreach (var bad in found) reject(file, bad.LineNumber, $"malformed CSV ({Describe(bad.Reason)}); the row was skipped.");
            malformedRows.Value += found.Count;
            found.Clear();
        }
    }

    /// <summary>
    /// Refuses the file now if its header is wrong, then rewinds it: so that a bad second file
    /// is refused before the first one is written. A stream that cannot rewind is checked when read.
    /// </summary>
    public static async Task CheckHeaderAsync(Stream stream, string file, string[] required, string[] oneOf, CancellationToken cancellationToken)
    {
        if (!stream.CanSeek) return;
        var start = stream.Position;
        await using (var reader = CsvReader.Create(stream, Options([]), leaveOpen: true))
        {
            await reader.ReadHeaderAsync(cancellationToken);
            Columns(reader.Headers, file, required, oneOf);
        }

        stream.Position = start;
    }

    private static Dictionary<string, int> Columns(IReadOnlyList<string> headers, string file, string[] required, string[] oneOf)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        if (headers.Count == 0)
            throw new CsvHeaderException(file, $"The {file} file is empty: it needs a header row.");
        for (var i = 0; i < headers.Count; i++) columns.TryAdd(Normalise(headers[i]), i);
        var missing = required.Where(c => !columns.ContainsKey(Normalise(c))).ToList();
        if (missing.Count > 0)
            throw new CsvHeaderException(file, $"The {file} file's header must name {string.Join(", ", missing)}.");
        if (oneOf.Length > 0 && !oneOf.Any(c => columns.ContainsKey(Normalise(c))))
            throw new CsvHeaderException(file, $"The {file} file's header must name {string.Join(" or ", oneOf)}.");
        return columns;
    }

    private static CsvReaderOptions Options(List<CsvMalformedRecord> malformed) => CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        AllowLineBreaksInQuotes = false,
        TrimWhitespace = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        MaxRecordSize = 64 * 1024,
        OnMalformedRecord = record => malformed.Add(record),
    };

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quote that is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a quoted field runs past the end of the line",
        CsvMalformedReason.FieldCountMismatch => "the wrong number of fields",
        _ => reason.ToString(),
    };

    public static string? TooLong(string? value, int max, string field = "full_name") =>
        value is not null && (value.Length > max || HasControl(value)) ? $"{field} must be at most {max} characters, without control characters." : null;

    // What char.IsControl means (C0 and C1 controls and DEL), searched vectorised: a field of every row goes through here.
    private static bool HasControl(string value) =>
        value.AsSpan().IndexOfAnyInRange('\u0000', '\u001F') >= 0 || value.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') >= 0;

    public static bool IsEmail(string value) =>
        value.Length <= 320 && value.IndexOf('@') is > 0 and var at && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);

    public static bool TryBool(string value, out bool result)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "y" or "1": result = true; return true;
            case "false" or "no" or "n" or "0": result = false; return true;
            default: result = false; return false;
        }
    }

    // yyyy-mm-dd first (what the import asks for, and a tenth of the general parser's cost), then anything else unambiguous.
    public static bool TryDate(string value, out DateTimeOffset result) =>
        DateTimeOffset.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, Styles, out result)
        || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, Styles, out result);

    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
}
