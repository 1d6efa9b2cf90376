using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SearchFirm.Data;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Briefs.Rendering;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Common.Email;
using SearchFirm.Features.Portal;
using SearchFirm.Features.Tests.Briefs;

namespace SearchFirm.Features.Tests.Portal;

/// <summary>Project Cedar with Amara in it, contacted, and a mailbox and printer that record instead of sending.</summary>
public abstract partial class PortalSlice(DatabaseProvider provider) : BriefSlice(provider)
{
    protected RecordingMail Mail { get; private set; } = null!;
    protected Guid CandidacyId { get; private set; }
    protected Guid CandidateId { get; private set; }

    protected override void ConfigureServices(IServiceCollection services)
    {
        Mail = new RecordingMail();
        services.Replace(ServiceDescriptor.Singleton<IEmailSender>(Mail));
        services.Replace(ServiceDescriptor.Singleton<IBriefQueue>(new RecordingQueue()));
        services.Replace(ServiceDescriptor.Singleton<IPdfPrinter>(new FakePrinter()));
    }

    [SetUp]
    public async Task AddAmaraContacted()
    {
        (CandidacyId, CandidateId) = await AddCandidateAsync();
        await SendAs(Recruiter, new TransitionCandidacy { CandidacyId = CandidacyId, To = Stage.Contacted, ExpectedVersion = 1 });
    }

    /// <summary>Invites the candidate and returns the token of the link in the e-mail.</summary>
    protected async Task<string> InviteAsync(Guid? candidateId = null)
    {
        await SendAs(Recruiter, new InviteCandidate { CandidateId = candidateId ?? CandidateId });
        return Uri.UnescapeDataString(LinkToken().Match(Mail.Sent[^1].TextBody).Groups["token"].Value);
    }

    [GeneratedRegex(@"token=(?<token>[A-Za-z0-9_%\-]+)")]
    private static partial Regex LinkToken();

    protected sealed class RecordingMail : IEmailSender
    {
        public List<EmailMessage> Sent { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
