using System.Globalization;
using SearchFirm.Domain.Candidates;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Portal;

namespace SearchFirm.Web.Portal;

/// <summary>
/// The profile form as typed: text in, text out, so that nothing typed is lost whatever is wrong
/// with it. Turning text into the request's numbers and dates is binding; what is acceptable is the
/// request validator's to say.
/// </summary>
public sealed class ProfileForm
{
    public string? Version { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Phone { get; set; }
    public string? Location { get; set; }
    public string? CurrentTitle { get; set; }
    public string? CurrentEmployer { get; set; }
    public string? Summary { get; set; }
    public List<EducationRow>? Education { get; set; } = [];
    public List<CredentialRow>? Credentials { get; set; } = [];
    public List<PositionRow>? Positions { get; set; } = [];
    public List<CommitteeRow>? Committees { get; set; } = [];

    /// <summary>The button pressed: "save", "add-education", "remove-positions-2"…</summary>
    public string? Action { get; set; }

    public sealed class EducationRow { public string? Degree { get; set; } public string? Institution { get; set; } public string? Year { get; set; } }

    public sealed class CredentialRow { public string? Kind { get; set; } public string? Name { get; set; } public string? Issuer { get; set; } public string? ExpiresOn { get; set; } }

    public sealed class PositionRow
    {
        public string? Organisation { get; set; }
        public string? Title { get; set; }
        public string? Level { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public bool IsClinical { get; set; }
    }

    public sealed class CommitteeRow { public string? Name { get; set; } public string? Role { get; set; } public string? Focus { get; set; } }

    public void Normalize()
    {
        Education ??= [];
        Credentials ??= [];
        Positions ??= [];
        Committees ??= [];
    }

    /// <summary>Adds or removes a row as the pressed button says; true when it did (nothing is saved then).</summary>
    public bool ApplyRowAction()
    {
        switch (Action)
        {
            case "add-education": Education!.Add(new()); return true;
            case "add-credentials": Credentials!.Add(new()); return true;
            case "add-positions": Positions!.Add(new()); return true;
            case "add-committees": Committees!.Add(new()); return true;
        }
        if (Action?.StartsWith("remove-", StringComparison.Ordinal) != true) return false;
        var parts = Action.Split('-');
        if (parts.Length != 3 || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var i) || i < 0) return false;
        return parts[1] switch
        {
            "education" => RemoveAt(Education!, i),
            "credentials" => RemoveAt(Credentials!, i),
            "positions" => RemoveAt(Positions!, i),
            "committees" => RemoveAt(Committees!, i),
            _ => false,
        };
    }

    private static bool RemoveAt<T>(List<T> list, int index)
    {
        if (index < list.Count) list.RemoveAt(index);
        return true;
    }

    public static ProfileForm From(PortalProfile p) => new()
    {
        Version = p.Version.ToString(CultureInfo.InvariantCulture),
        FirstName = p.FirstName, LastName = p.LastName, Phone = p.Phone, Location = p.Location,
        CurrentTitle = p.CurrentTitle, CurrentEmployer = p.CurrentEmployer, Summary = p.Summary,
        Education = p.Education.Select(e => new EducationRow { Degree = e.Degree, Institution = e.Institution, Year = e.Year?.ToString(CultureInfo.InvariantCulture) }).ToList(),
        Credentials = p.Credentials.Select(c => new CredentialRow { Kind = c.Kind?.ToString(), Name = c.Name, Issuer = c.Issuer, ExpiresOn = c.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }).ToList(),
        Positions = p.Positions.Select(x => new PositionRow
        {
            Organisation = x.Organisation, Title = x.Title, Level = x.Level?.ToString(),
            From = x.From?.ToString("yyyy-MM", CultureInfo.InvariantCulture), To = x.To?.ToString("yyyy-MM", CultureInfo.InvariantCulture), IsClinical = x.IsClinical == true,
        }).ToList(),
        Committees = p.Committees.Select(c => new CommitteeRow { Name = c.Name, Role = c.Role, Focus = c.Focus }).ToList(),
    };

    /// <summary>The request, with what cannot be read as a number or date reported by field id in <paramref name="unreadable"/>.</summary>
    public UpdateMyProfile ToCommand(IDictionary<string, string> unreadable)
    {
        int? Year(string? text, string field) => Parse(text, field, s => int.TryParse(s, CultureInfo.InvariantCulture, out var y) ? y : (int?)null, "Enter a year such as 2004.");
        DateOnly? Day(string? text, string field) => Parse(text, field, s => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null, "Enter a date such as 2028-06-30.");
        DateOnly? Month(string? text, string field) => Parse(text, field, s => DateOnly.TryParseExact(s + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null, "Enter a month such as 2016-07.");
        T? Parse<T>(string? text, string field, Func<string, T?> parse, string message) where T : struct
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var value = parse(text.Trim());
            if (value is null) unreadable[field] = message;
            return value;
        }

        return new UpdateMyProfile
        {
            ExpectedVersion = int.TryParse(Version, CultureInfo.InvariantCulture, out var v) ? v : null,
            FirstName = FirstName, LastName = LastName, Phone = Phone, Location = Location,
            CurrentTitle = CurrentTitle, CurrentEmployer = CurrentEmployer, Summary = Summary,
            Education = Education!.Select((e, i) => new EducationInput(e.Degree, e.Institution, Year(e.Year, $"education-{i}-year"))).ToList(),
            Credentials = Credentials!.Select((c, i) => new CredentialInput(Enum.TryParse<CredentialKind>(c.Kind, out var k) ? k : null, c.Name, c.Issuer, Day(c.ExpiresOn, $"credentials-{i}-expireson"))).ToList(),
            Positions = Positions!.Select((p, i) => new PositionInput(p.Organisation, p.Title, Enum.TryParse<RoleLevel>(p.Level, out var l) ? l : null,
                Month(p.From, $"positions-{i}-from"), Month(p.To, $"positions-{i}-to"), p.IsClinical)).ToList(),
            Committees = Committees!.Select(c => new CommitteeInput(c.Name, c.Role, c.Focus)).ToList(),
        };
    }

    /// <summary>"Positions[1].Title" → "positions-1-title": a request's property path as the form's field id.</summary>
    public static string FieldId(string path) =>
        path.Replace("].", "-", StringComparison.Ordinal).Replace('[', '-').Replace(']', '-').Replace('.', '-').Trim('-').ToLowerInvariant();
}
