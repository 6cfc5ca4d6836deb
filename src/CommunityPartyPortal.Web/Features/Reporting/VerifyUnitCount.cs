using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>核实单位党员数: the unit admin records how many in-service members its unit (with the units below) has.</summary>
public sealed class VerifyUnitCount(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const int MaxCount = 100_000;

    /// <summary>Validates and upserts the unit admin's own unit's count. Returns the problems; none when saved.</summary>
    public async Task<IReadOnlyList<Problem>> HandleAsync(UnitDashboard.VerifyForm form, bool bindingValid, string verifiedBy)
    {
        var scope = db.Scope;
        var problems = new List<Problem>();
        if (scope.Kind != ScopeKind.Unit || scope.OrganizationId is not { } unit)
        {
            return [new Problem("", "只有单位党组织管理员可以核实本单位党员数")];
        }
        if (!ReportingYears.IsValid(form.Year, time)) problems.Add(new(nameof(form.Year), "请选择有效的年度"));
        if (form.VerifiedCount is not { } count) problems.Add(new(nameof(form.VerifiedCount), "请填写核实的党员数"));
        else if (count < 0) problems.Add(new(nameof(form.VerifiedCount), "党员数不能小于0"));
        else if (count > MaxCount) problems.Add(new(nameof(form.VerifiedCount), $"党员数不能超过{MaxCount}"));
        var notes = Clean(form.Notes);
        if (notes is { Length: > 500 }) problems.Add(new(nameof(form.Notes), "备注不能超过500个字"));
        if (problems.Count > 0 || !bindingValid) return problems;

        var year = form.Year!.Value;
        for (var attempt = 0; ; attempt++)
        {
            var verification = await db.UnitVerifications.FirstOrDefaultAsync(v => v.WorkUnitId == unit && v.Year == year);
            if (verification is null)
            {
                verification = new UnitVerification { WorkUnitId = unit, Year = year, VerifiedBy = verifiedBy };
                db.UnitVerifications.Add(verification);
            }
            verification.VerifiedCount = form.VerifiedCount!.Value;
            verification.Notes = notes;
            verification.VerifiedBy = verifiedBy;
            try
            {
                await db.SaveChangesAsync();
                return [];
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Someone saved the same unit and year at the same moment: update that row instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
