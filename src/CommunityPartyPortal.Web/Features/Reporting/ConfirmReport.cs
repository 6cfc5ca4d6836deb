using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Reporting;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Reporting;

/// <summary>
/// 确认报到: the secretary checks the member's 在职党员基本情况信息卡 (and fills what is missing), takes the
/// 在职党员服务承诺卡, picks the letter the member brought (or none) and confirms. One transaction: the
/// three serials (报到回执, 信息卡, 承诺卡), the report in the secretary's own community, the letter marked
/// used, the member's card fields. One active report per member, community and year.
/// </summary>
public sealed class ConfirmReport(PortalDbContext db, OrgTreeCache trees, TimeProvider time) : IUseCase
{
    public const string Duplicate = "该党员本年度已在本社区报到";
    public const string FutureDate = "报到日期不能晚于今天";
    public const string Stale = "该党员信息已被他人修改，请刷新后重新填写";

    public sealed class Form
    {
        [Display(Name = "报到年度")] public int? Year { get; set; }
        [Display(Name = "报到日期")] public DateOnly? ReportedOn { get; set; }
        /// <summary>The letter the member brought; empty: 无证明信.</summary>
        [Display(Name = "报到证明信")] public Guid? LetterId { get; set; }

        // 在职党员基本情况信息卡 (updates the member)
        [Display(Name = "网格")] public Guid? GridId { get; set; }
        [Display(Name = "楼栋")] public string? Building { get; set; }
        [Display(Name = "房号")] public string? Room { get; set; }
        [Display(Name = "手机号码")] public string? Mobile { get; set; }
        [Display(Name = "特长")] public string? Specialties { get; set; }
        [Display(Name = "服务意向")] public List<ServiceCategory> ServiceIntentions { get; set; } = [];
        [Display(Name = "空闲时间")] public string? FreeTime { get; set; }

        // 在职党员服务承诺卡 (kept with the report)
        [Display(Name = "认领岗位")] public string? PostWanted { get; set; }
        [Display(Name = "服务类别")] public List<ServiceCategory> Categories { get; set; } = [];
        [Display(Name = "服务时间")] public string? ServiceTime { get; set; }
        [Display(Name = "承诺事项")] public string? Promises { get; set; }

        /// <summary>The member's version when the page was opened.</summary>
        public Guid? MemberVersion { get; set; }

        [BindNever, ValidateNever] public Page Page { get; set; } = new();
    }

    public sealed record Option(Guid Id, string Text);

    /// <summary>What the page shows besides the fields; never bound.</summary>
    public sealed class Page
    {
        public Guid MemberId { get; set; }
        public string Name { get; set; } = "";
        public string Gender { get; set; } = "";
        public DateOnly BirthDate { get; set; }
        public string Ethnicity { get; set; } = "";
        public string Education { get; set; } = "";
        public DateOnly JoinedPartyOn { get; set; }
        public string Status { get; set; } = "";
        public string WorkUnit { get; set; } = "";
        public string? JobTitle { get; set; }
        public string Community { get; set; } = "";
        public IReadOnlyList<Option> Grids { get; set; } = [];
        public IReadOnlyList<Option> Letters { get; set; } = [];
        public bool PersonalDataHidden { get; set; }
        public string MaskedMobile { get; set; } = "";
        public DateOnly? Deadline { get; set; }
        public DateOnly Today { get; set; }
        /// <summary>Why the member cannot report (not in service, moved out, already reported).</summary>
        public string? Blocked { get; set; }
    }

    public sealed record Result(bool NotFound, IReadOnlyList<Problem> Problems, string? ReceiptSerial, int Year)
    {
        public bool Ok => !NotFound && Problems.Count == 0 && ReceiptSerial is not null;

        /// <summary>The report confirmed (for the 报到回执 link after the redirect).</summary>
        public Guid? ReportId { get; init; }
    }

    private static readonly Result Missing = new(true, [], null, 0);

    /// <summary>The page for a member of the secretary's community; null when not visible (404).</summary>
    public async Task<Form?> FormAsync(Guid memberId, Guid? letterId, int? year)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId);
        if (member is null || !IsSecretary(out _)) return null;
        var letter = letterId is { } lid
            ? await db.ReportLetters.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lid && l.MemberId == memberId && l.Status == LetterStatus.Issued)
            : null;
        var form = new Form
        {
            Year = letter?.Year ?? ReportingYears.Normalize(year, time),
            ReportedOn = Clock.TodayInChina(time),
            LetterId = letter?.Id,
            GridId = member.GridId,
            Building = member.Building,
            Room = member.Room,
            Mobile = db.Scope.CanViewPersonalData ? member.Mobile : null,
            Specialties = member.Specialties,
            ServiceIntentions = Flags(member.ServiceIntentions),
            FreeTime = member.FreeTime,
            Categories = Flags(member.ServiceIntentions),
            ServiceTime = member.FreeTime,
            MemberVersion = member.Version,
        };
        await PrepareAsync(form, member);
        if (form.LetterId is null && form.Page.Letters.Count == 1) form.LetterId = form.Page.Letters[0].Id;
        return form;
    }

    /// <summary>Validates and confirms. Nothing is written when there is any problem.</summary>
    public async Task<Result> HandleAsync(Guid memberId, Form form, bool bindingValid, string confirmedBy)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId);
        if (member is null || !IsSecretary(out var community)) return Missing;
        if (!ReportingYears.IsValid(form.Year, time)) form.Year = ReportingYears.Current(time);
        var year = form.Year!.Value;
        await PrepareAsync(form, member);

        var problems = await ValidateAsync(form, member, community, year);
        if (problems.Count > 0 || !bindingValid) return new(false, problems, null, year);

        var deadline = await db.ReportingYears.AsNoTracking().Where(y => y.Year == year).Select(y => (DateOnly?)y.Deadline).FirstOrDefaultAsync();
        var letter = form.LetterId is { } letterId ? await db.ReportLetters.FirstAsync(l => l.Id == letterId) : null;
        string receipt;
        Guid reportId;
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            try
            {
                receipt = await SerialNumbers.TakeOneAsync(db, DocumentTypes.Receipt, year);
                var infoCard = await SerialNumbers.TakeOneAsync(db, DocumentTypes.InfoCard, year);
                var commitment = await SerialNumbers.TakeOneAsync(db, DocumentTypes.Commitment, year);
                var reportedOn = form.ReportedOn!.Value;
                var report = new CommunityReport
                {
                    Year = year,
                    MemberId = member.Id,
                    // Always the secretary's own community: the form has no say in it.
                    CommunityId = community,
                    LetterId = letter?.Id,
                    ReportedOn = reportedOn,
                    IsLate = deadline is { } d && reportedOn > d,
                    ConfirmedBy = confirmedBy,
                    ReceiptSerial = receipt,
                    InfoCardSerial = infoCard,
                    CommitmentSerial = commitment,
                    PostWanted = Clean(form.PostWanted),
                    Categories = Combine(form.Categories),
                    FreeTime = Clean(form.ServiceTime),
                    Promises = Clean(form.Promises),
                };
                reportId = report.Id;
                db.CommunityReports.Add(report);
                if (letter is not null) letter.Status = LetterStatus.Used;
                ApplyCard(form, member);
                db.Entry(member).Property(m => m.Version).OriginalValue = form.MemberVersion!.Value;
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            }
            catch (DbUpdateConcurrencyException)
            {
                await tx.RollbackAsync();
                db.ChangeTracker.Clear();
                return new(false, [new Problem("", Stale)], null, year);
            }
            catch (DbUpdateException)
            {
                // A second submit that passed the check at the same moment: the unique index refused it.
                await tx.RollbackAsync();
                db.ChangeTracker.Clear();
                if (!await HasActiveReportAsync(member.Id, community, year)) throw;
                return new(false, [new Problem("", Duplicate)], null, year);
            }
        }
        return new(false, [], receipt, year) { ReportId = reportId };
    }

    private async Task<List<Problem>> ValidateAsync(Form f, Member member, Guid community, int year)
    {
        var problems = new List<Problem>();
        void Add(string field, string message) => problems.Add(new Problem(field, message));
        var today = Clock.TodayInChina(time);
        var tree = await trees.GetAsync();

        if (f.Page.Blocked is { } blocked) Add("", blocked);

        if (f.ReportedOn is not { } on) Add(nameof(f.ReportedOn), "请填写报到日期");
        else if (on > today) Add(nameof(f.ReportedOn), FutureDate);
        else if (on.Year < year) Add(nameof(f.ReportedOn), $"报到日期不能早于{year}年");

        if (f.LetterId is { } letterId && f.Page.Letters.All(l => l.Id != letterId))
        {
            Add(nameof(f.LetterId), "请选择该党员本年度开往本社区的证明信，或选择“无证明信”");
        }

        if (f.GridId is { } grid && (tree.Find(grid) is not { Kind: OrgKind.Grid } node || node.ParentId != community))
        {
            Add(nameof(f.GridId), "所选网格不属于本社区");
        }
        var phone = MobilePhone.Normalize(f.Mobile);
        if (!(phone.Length == 0 && f.Page.PersonalDataHidden) && !MobilePhone.TryValidate(phone, out var phoneError))
        {
            Add(nameof(f.Mobile), phoneError!);
        }
        Length(nameof(f.Building), f.Building, 50, "楼栋");
        Length(nameof(f.Room), f.Room, 50, "房号");
        Length(nameof(f.Specialties), f.Specialties, 500, "特长");
        Length(nameof(f.FreeTime), f.FreeTime, 200, "空闲时间");
        Length(nameof(f.PostWanted), f.PostWanted, 100, "认领岗位");
        Length(nameof(f.ServiceTime), f.ServiceTime, 200, "服务时间");
        Length(nameof(f.Promises), f.Promises, 1000, "承诺事项");
        if (f.ServiceIntentions.Concat(f.Categories).Any(c => c == ServiceCategory.None || !Enum.IsDefined(c)))
        {
            Add(nameof(f.Categories), "请从列表中选择服务类别");
        }
        if (Clean(f.Promises) is null) Add(nameof(f.Promises), "请填写承诺事项");

        if (problems.Count == 0 && f.MemberVersion != member.Version) Add("", Stale);
        return problems;

        void Length(string field, string? value, int max, string label)
        {
            if (Clean(value) is { } v && v.Length > max) Add(field, $"{label}不能超过{max}个字");
        }
    }

    /// <summary>Fills the read-only parts of the page: the card's fixed fields, grids, open letters, blocks.</summary>
    private async Task PrepareAsync(Form form, Member member)
    {
        var tree = await trees.GetAsync();
        IsSecretary(out var community);
        var year = form.Year ?? ReportingYears.Current(time);
        var page = form.Page;
        page.MemberId = member.Id;
        page.Name = member.Name;
        page.Gender = member.Gender.Text();
        page.BirthDate = member.BirthDate;
        page.Ethnicity = member.Ethnicity;
        page.Education = member.Education.Text();
        page.JoinedPartyOn = member.JoinedPartyOn;
        page.Status = member.Status.Text();
        page.WorkUnit = tree.PathName(member.WorkUnitId);
        page.JobTitle = member.JobTitle;
        page.Community = tree.PathName(community);
        page.Grids = [.. tree.ChildrenOf(community).Where(g => g.Kind == OrgKind.Grid && (g.IsActive || g.Id == member.GridId))
            .Select(g => new Option(g.Id, g.Name))];
        var letters = await db.ReportLetters.AsNoTracking()
            .Where(l => l.MemberId == member.Id && l.Year == year && l.Status == LetterStatus.Issued && l.CommunityId == community)
            .Select(l => new { l.Id, l.Serial, l.IssuedOn })
            .ToListAsync();
        page.Letters = [.. letters.OrderByDescending(l => l.IssuedOn).ThenByDescending(l => l.Serial, StringComparer.Ordinal)
            .Select(l => new Option(l.Id, $"{l.Serial}（{l.IssuedOn:yyyy-MM-dd} 开具）"))];
        page.PersonalDataHidden = !db.Scope.CanViewPersonalData;
        page.MaskedMobile = Masking.Mobile(member.Mobile);
        page.Deadline = await db.ReportingYears.AsNoTracking().Where(y => y.Year == year).Select(y => (DateOnly?)y.Deadline).FirstOrDefaultAsync();
        page.Today = Clock.TodayInChina(time);
        page.Blocked = member.Category != MemberCategory.InService ? "只有在职党员需要进社区报到"
            : member.MovedOutOn is not null ? "该党员已迁出，不能报到"
            : await HasActiveReportAsync(member.Id, community, year) ? Duplicate
            : null;
    }

    private Task<bool> HasActiveReportAsync(Guid memberId, Guid community, int year) =>
        db.CommunityReports.AsNoTracking().AnyAsync(r => r.MemberId == memberId && r.CommunityId == community && r.Year == year && r.Status == ReportStatus.Confirmed);

    private void ApplyCard(Form f, Member m)
    {
        m.GridId = f.GridId;
        m.Building = Clean(f.Building);
        m.Room = Clean(f.Room);
        var phone = MobilePhone.Normalize(f.Mobile);
        if (phone.Length > 0) m.Mobile = phone;
        m.Specialties = Clean(f.Specialties);
        m.ServiceIntentions = Combine(f.ServiceIntentions);
        m.FreeTime = Clean(f.FreeTime);
    }

    private bool IsSecretary(out Guid community)
    {
        var scope = db.Scope;
        community = scope.OrganizationId ?? Guid.Empty;
        return scope.Kind == ScopeKind.Community && scope.OrganizationId is not null;
    }

    private static List<ServiceCategory> Flags(ServiceCategory value) =>
        [.. Enum.GetValues<ServiceCategory>().Where(c => c != ServiceCategory.None && value.HasFlag(c))];

    private static ServiceCategory Combine(IEnumerable<ServiceCategory> values) => values.Aggregate(ServiceCategory.None, (all, c) => all | c);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
