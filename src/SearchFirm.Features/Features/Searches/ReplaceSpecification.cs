using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Searches;

/// <summary>PUT /api/searches/{id}/specification: the team replaces the role specification as a whole.</summary>
public sealed record ReplaceSpecification(Guid SearchId, IReadOnlyList<CriterionInput>? Criteria) : ICommand<SpecificationDto>, ISearchScoped;

public sealed record CriterionInput(string? Key, string? Label, int? Weight, bool? Required);

public sealed class ReplaceSpecificationValidator : AbstractValidator<ReplaceSpecification>
{
    public const int MaxCriteria = 40;

    public ReplaceSpecificationValidator()
    {
        RuleFor(x => x.Criteria).NotEmpty().Must(c => c is null || c.Count <= MaxCriteria)
            .WithMessage($"A specification has at most {MaxCriteria} criteria.");
        RuleFor(x => x.Criteria)
            .Must(c => c is null || c.Where(x => x?.Key is not null).GroupBy(x => x.Key!.Trim(), StringComparer.OrdinalIgnoreCase).All(g => g.Count() == 1))
            .WithMessage("Each criterion key must be unique.");
        RuleForEach(x => x.Criteria).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Key).NotEmpty().MaximumLength(64).Matches("^[a-z0-9][a-z0-9-]*$")
                .WithMessage("'{PropertyName}' uses lower-case letters, digits and hyphens.");
            c.RuleFor(x => x.Label).Text(200);
            c.RuleFor(x => x.Weight).NotNull().InclusiveBetween(1, 100);
            c.RuleFor(x => x.Required).NotNull();
        });
    }
}

internal sealed class ReplaceSpecificationHandler(DbSession session, TimeProvider clock) : ICommandHandler<ReplaceSpecification, SpecificationDto>
{
    private const string TouchSql = "UPDATE Searches SET Version = Version + 1, UpdatedAt = @Now WHERE Id = @SearchId";

    public async ValueTask<SpecificationDto> Handle(ReplaceSpecification command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var criteria = command.Criteria!.Select(c => new Criterion(c.Key!.Trim(), c.Label!.Trim(), c.Weight!.Value, c.Required!.Value)).ToList();
        await connection.ExecuteAsync(new CommandDefinition(TouchSql, new { command.SearchId, Now = clock.GetUtcNow() }, session.Transaction, cancellationToken: cancellationToken));
        await Specification.WriteAsync(connection, session.Transaction, command.SearchId, criteria, cancellationToken);
        await Candidacies.CandidacyScoring.RescoreSearchAsync(connection, session.Transaction, command.SearchId,
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        return new SpecificationDto { Criteria = criteria.Select(c => new CriterionDto { Key = c.Key, Label = c.Label, Weight = c.Weight, Required = c.Required }).ToList() };
    }
}
