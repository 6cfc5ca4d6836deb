using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Households;

/// <summary>新增联系对象: in the secretary's own community, with a serial 2026-联系-000001 taken in the same transaction.</summary>
public sealed class CreateHousehold(PortalDbContext db, HouseholdFormRules rules, TimeProvider time) : IUseCase
{
    public const string SerialType = "联系";

    public async Task<HouseholdForm?> NewFormAsync()
    {
        if (rules.Community is not { } community) return null;
        var form = new HouseholdForm();
        await rules.PrepareAsync(form, null, community);
        return form;
    }

    public async Task<Outcome> HandleAsync(HouseholdForm form, bool bindingValid)
    {
        if (rules.Community is not { } community) return Outcome.Missing;
        await rules.PrepareAsync(form, null, community);
        var errors = rules.Validate(form, null);
        if (errors.Count > 0 || !bindingValid) return Outcome.Invalid(Guid.Empty, errors);

        await using var tx = await db.Database.BeginTransactionAsync();
        var household = new Household
        {
            CommunityId = community,
            Serial = await SerialNumbers.TakeOneAsync(db, SerialType, Clock.TodayInChina(time).Year),
            HeadName = "",
            Address = "",
        };
        rules.Apply(form, household);
        db.Households.Add(household);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Outcome.Saved(household.Id);
    }
}
