using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SearchFirm.Data;

namespace SearchFirm.Features.Common.Email;

/// <summary>One message to one person, in plain text and HTML.</summary>
public sealed record EmailMessage(string ToAddress, string ToName, string Subject, string TextBody, string HtmlBody);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Removes every copy this sender keeps of messages that mention any of <paramref name="mentions"/>
    /// (an erased candidate's address and name); returns how many. A relay keeps none.
    /// </summary>
    Task<int> ForgetAsync(IReadOnlyCollection<string> mentions, CancellationToken cancellationToken) => Task.FromResult(0);
}

/// <summary>Bound from <c>Email</c>. SMTP when <see cref="SmtpOptions.Host"/> is set, else the pickup folder.</summary>
public sealed class EmailOptions
{
    public string From { get; set; } = "SearchFirm <no-reply@searchfirm.local>";

    /// <summary>Empty means <c>{DataDirectory}/mail</c>.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>Auto (STARTTLS when offered), StartTls, SslOnConnect or None.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
}

internal static class Mime
{
    public static MimeMessage From(EmailMessage message, string from)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}

/// <summary>
/// The embedded default: each message is written as an .eml file to the pickup folder, where a
/// person opens it or a relay picks it up. Written to a temporary name and renamed, so a reader
/// never sees half a message.
/// </summary>
internal sealed class PickupFolderEmailSender(string directory, string from) : IEmailSender
{
    public string Directory { get; } = directory;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        OwnerOnly.CreateDirectory(Directory);
        var mime = Mime.From(message, from);
        var name = $"{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(Directory, $".{name}.tmp");
        // Owner-only: a message may carry a live sign-in link.
        await using (var file = OwnerOnly.CreateFile(temporary, options: FileOptions.Asynchronous))
            await mime.WriteToAsync(file, cancellationToken);
        File.Move(temporary, Path.Combine(Directory, name + ".eml"));
    }

    /// <summary>
    /// Messages, and half-written ones a crash left (<c>.*.tmp</c>), whose raw text or decoded headers and
    /// bodies (a name may be RFC 2047 or quoted-printable encoded) mention any of <paramref name="mentions"/>.
    /// </summary>
    public async Task<int> ForgetAsync(IReadOnlyCollection<string> mentions, CancellationToken cancellationToken)
    {
        var wanted = mentions.Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
        if (wanted.Count == 0 || !System.IO.Directory.Exists(Directory)) return 0;
        var removed = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.eml").Concat(System.IO.Directory.EnumerateFiles(Directory, ".*.tmp")))
        {
            try
            {
                if (!await MentionsAsync(path, wanted, cancellationToken)) continue;
                File.Delete(path);
                removed++;
            }
            catch (FileNotFoundException)
            {
                // Picked up or removed meanwhile.
            }
        }

        return removed;
    }

    private static async Task<bool> MentionsAsync(string path, List<string> mentions, CancellationToken cancellationToken)
    {
        var raw = await File.ReadAllTextAsync(path, cancellationToken);
        if (mentions.Exists(m => raw.Contains(m, StringComparison.OrdinalIgnoreCase))) return true;
        try
        {
            await using var stream = File.OpenRead(path);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var decoded = string.Join('\n', message.Subject, message.To.ToString(), message.TextBody, message.HtmlBody);
            return mentions.Exists(m => decoded.Contains(m, StringComparison.OrdinalIgnoreCase));
        }
        catch (FormatException)
        {
            // Half written: the raw text was all there is.
            return false;
        }
    }
}

/// <summary>Production: MailKit over SMTP, a connection per message (invitations are rare).</summary>
internal sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), settings.Smtp.Port, settings.Smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Smtp.Username))
            await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", cancellationToken);
        await client.SendAsync(Mime.From(message, settings.From), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        Sent(logger, settings.Smtp.Host!);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent an e-mail through {Host}")]
    private static partial void Sent(ILogger logger, string host);
}
