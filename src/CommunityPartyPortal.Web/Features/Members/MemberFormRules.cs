using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Identity;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Rules;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Members;

/// <summary>
/// The rules of the member form: options by scope, validation with Chinese messages, and mapping to
/// <see cref="Member"/> (street derived from the community). Shared by <see cref="CreateMember"/> and
/// <see cref="EditMember"/>.
/// </summary>
public sealed class MemberFormRules(
    PortalDbContext db,
    [FromKeyedServices(PortalServices.SystemDb)] PortalDbContext systemDb,
    OrgTreeCache trees,
    TimeProvider time) : IUseCase
{
    /// <summary>The 56 ethnic groups of China, in the order of the national standard (GB 3304).</summary>
    public static readonly IReadOnlyList<string> EthnicGroups =
    [
        "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
        "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
        "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
        "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
        "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
        "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
    ];

    public AccessScope Scope => db.Scope;

    /// <summary>A blank form for 新增: the secretary's community preset, 汉族, 正式党员, 在职党员.</summary>
    public async Task<MemberForm> NewFormAsync()
    {
        var form = new MemberForm
        {
            Ethnicity = EthnicGroups[0],
            Status = MembershipStatus.Full,
            Category = MemberCategory.InService,
        };
        if (Scope.Kind == ScopeKind.Community) form.CommunityId = Scope.OrganizationId;
        if (Scope.Kind == ScopeKind.Unit) form.WorkUnitId = Scope.OrganizationId;
        await PrepareAsync(form, null);
        return form;
    }

    /// <summary>The form of an existing member; the ID and phone only for a user with the PII permission.</summary>
    public async Task<MemberForm> EditFormAsync(Member m)
    {
        var pii = Scope.CanViewPersonalData;
        var form = new MemberForm
        {
            Name = m.Name,
            Gender = m.Gender,
            BirthDate = m.BirthDate,
            Ethnicity = m.Ethnicity,
            Education = Enum.IsDefined(m.Education) ? m.Education : null,
            JoinedPartyOn = m.JoinedPartyOn,
            Status = Enum.IsDefined(m.Status) ? m.Status : null,
            Category = Enum.IsDefined(m.Category) ? m.Category : null,
            NationalId = pii ? m.NationalId : null,
            Mobile = pii ? m.Mobile : null,
            WorkUnitId = m.WorkUnitId,
            JobTitle = m.JobTitle,
            CommunityId = m.CommunityId,
            GridId = m.GridId,
            Building = m.Building,
            Room = m.Room,
            Address = m.Address,
            Specialties = m.Specialties,
            ServiceIntentions = [.. Enum.GetValues<ServiceCategory>().Where(c => c != ServiceCategory.None && m.ServiceIntentions.HasFlag(c))],
            FreeTime = m.FreeTime,
            MovedOutOn = m.MovedOutOn,
            MovedOutTo = m.MovedOutTo,
            MoveOutReason = m.MoveOutReason,
            Version = m.Version,
        };
        await PrepareAsync(form, m);
        return form;
    }

    /// <summary>Fills the options and hints of the page (called again when a posted form is shown with errors).</summary>
    public async Task PrepareAsync(MemberForm form, Member? member)
    {
        var tree = await trees.GetAsync();
        var scope = Scope;
        var page = form.Page;
        page.IsNew = member is null;
        page.MemberId = member?.Id ?? Guid.Empty;
        page.MemberName = member?.Name ?? "";
        page.PersonalDataHidden = member is not null && !scope.CanViewPersonalData;
        page.MaskedNationalId = Masking.NationalId(member?.NationalId);
        page.MaskedMobile = Masking.Mobile(member?.Mobile);
        page.ShowMoveOut = member?.MovedOutOn is not null;

        IEnumerable<OrgTree.Node> communities;
        if (scope.Kind == ScopeKind.Community)
        {
            var own = tree.Find(scope.OrganizationId);
            page.FixedCommunity = own is null ? null : new MemberFormPage.Option(own.Id, tree.PathName(own.Id));
            communities = own is null ? [] : [own];
        }
        else
        {
            communities = tree.OfKind(OrgKind.Community).Where(c => c.IsActive || c.Id == form.CommunityId);
        }
        var communityList = communities.ToList();
        page.Communities = [.. communityList.Select(c => new MemberFormPage.Option(c.Id, tree.PathName(c.Id)))];
        page.Grids = [.. communityList.SelectMany(c => tree.ChildrenOf(c.Id))
            .Where(g => g.Kind == OrgKind.Grid && (g.IsActive || g.Id == form.GridId))
            .Select(g => new MemberFormPage.Option(g.Id, g.Name, g.ParentId))];

        var units = scope.Kind == ScopeKind.Unit && scope.OrganizationId is { } unitRoot
            ? UnitsIndented(tree, unitRoot)
            : tree.WorkUnitsIndented();
        page.WorkUnits = [.. units
            .Where(u => u.Node.IsActive || u.Node.Id == form.WorkUnitId)
            .Select(u => new MemberFormPage.Option(u.Node.Id, new string('\u3000', u.Depth) + u.Node.Name))];

        if (!string.IsNullOrEmpty(form.Ethnicity) && !EthnicGroups.Contains(form.Ethnicity))
        {
            page.Ethnicities = [.. EthnicGroups, form.Ethnicity];
        }
    }

    /// <summary>A unit admin's own unit and the units below it, indented from its own unit.</summary>
    public static IEnumerable<(OrgTree.Node Node, int Depth)> UnitsIndented(OrgTree tree, Guid root)
    {
        foreach (var n in tree.Subtree(root).Where(n => n.Kind == OrgKind.WorkUnit))
        {
            var depth = 0;
            for (var p = n; p is not null && p.Id != root; p = tree.Find(p.ParentId)) depth++;
            yield return (n, depth);
        }
    }

    /// <summary>How <see cref="ValidateAsync"/> makes sure no other member holds the 身份证号.</summary>
    public enum NationalIdUniqueness
    {
        /// <summary>One county-wide query (system context) for this form: the member form's behaviour.</summary>
        Query,

        /// <summary>
        /// The caller has already checked this ID, with all the others it validates, in bulk against the whole county
        /// (the bulk import: one query per chunk of IDs instead of one per row); no query is made here.
        /// </summary>
        CheckedByCaller,
    }

    /// <summary>
    /// Validates the posted form (against the existing member for an edit) and, when valid, returns the
    /// values to store. Nothing is written here.
    /// </summary>
    /// <param name="f">The form.</param>
    /// <param name="existing">The member being edited, or null for a new one.</param>
    /// <param name="uniqueness">
    /// <see cref="NationalIdUniqueness.Query"/> (the default, the form) to check here that no other member holds the ID;
    /// <see cref="NationalIdUniqueness.CheckedByCaller"/> only when the caller has done that check itself.
    /// </param>
    public async Task<(IReadOnlyList<FieldError> Errors, Values? Values)> ValidateAsync(
        MemberForm f, Member? existing, NationalIdUniqueness uniqueness = NationalIdUniqueness.Query)
    {
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));
        var tree = await trees.GetAsync();
        var scope = Scope;
        var today = Clock.TodayInChina(time);
        var keepHidden = existing is not null && !scope.CanViewPersonalData;

        var name = Clean(f.Name);
        if (name is null) Add(nameof(f.Name), "请填写姓名");
        else if (name.Length > 50) Add(nameof(f.Name), "姓名不能超过50个字");

        // 身份证号: blank on an edit by a user who never saw it means "unchanged".
        string? nationalId = null;
        var idText = Domain.Rules.NationalId.Normalize(f.NationalId);
        if (idText.Length == 0 && keepHidden)
        {
            nationalId = existing!.NationalId;
        }
        else if (!Domain.Rules.NationalId.TryValidate(idText, today, out var idError))
        {
            Add(nameof(f.NationalId), idError!);
        }
        else
        {
            nationalId = idText;
            var self = existing?.Id ?? Guid.Empty;
            // The scoped context cannot see other tenants' members: uniqueness is a county-wide question.
            if (uniqueness == NationalIdUniqueness.Query
                && await systemDb.Members.AsNoTracking().AnyAsync(m => m.NationalId == idText && m.Id != self))
            {
                Add(nameof(f.NationalId), "该身份证号已登记");
            }
        }

        Gender? gender = f.Gender is { } g && !Enum.IsDefined(g) ? null : f.Gender;
        DateOnly? birth = f.BirthDate;
        if (nationalId is not null)
        {
            var idGender = Domain.Rules.NationalId.IsMale(nationalId) == true ? Domain.Members.Gender.Male : Domain.Members.Gender.Female;
            if (gender is null) gender = idGender;
            else if (gender != idGender) Add(nameof(f.Gender), "性别与身份证号不一致");

            var idBirth = Domain.Rules.NationalId.BirthDate(nationalId);
            if (birth is null) birth = idBirth;
            else if (birth != idBirth) Add(nameof(f.BirthDate), "出生日期与身份证号不一致");
        }

        var ethnicity = Clean(f.Ethnicity) ?? EthnicGroups[0];
        if (!EthnicGroups.Contains(ethnicity) && ethnicity != existing?.Ethnicity) Add(nameof(f.Ethnicity), "请从列表中选择民族");

        if (f.Education is not { } education || !Enum.IsDefined(education)) Add(nameof(f.Education), "请选择学历");

        string? mobile = null;
        var phoneText = MobilePhone.Normalize(f.Mobile);
        if (phoneText.Length == 0 && keepHidden) mobile = existing!.Mobile;
        else if (!MobilePhone.TryValidate(phoneText, out var phoneError)) Add(nameof(f.Mobile), phoneError!);
        else mobile = phoneText;

        if (f.JoinedPartyOn is not { } joined) Add(nameof(f.JoinedPartyOn), "请填写入党日期");
        else if (joined > today) Add(nameof(f.JoinedPartyOn), "入党日期不能晚于今天");
        else if (birth is { } b && joined < b.AddYears(18)) Add(nameof(f.JoinedPartyOn), "入党日期应在年满18周岁之后");

        if (f.Status is not { } status || !Enum.IsDefined(status)) Add(nameof(f.Status), "请选择正式党员或预备党员");
        if (f.Category is not { } category || !Enum.IsDefined(category)) Add(nameof(f.Category), "请选择党员类别");

        // 组织关系: the work unit (a unit admin only its own subtree).
        if (f.WorkUnitId is { } unitId)
        {
            if (tree.Find(unitId) is not { Kind: OrgKind.WorkUnit }) Add(nameof(f.WorkUnitId), "请选择有效的工作单位");
            else if (scope.Kind == ScopeKind.Unit && !scope.UnitIds.Contains(unitId)) Add(nameof(f.WorkUnitId), "只能选择本单位及下属单位");
        }
        else if (f.Category == MemberCategory.InService) Add(nameof(f.WorkUnitId), "在职党员须填写工作单位");
        else if (scope.Kind == ScopeKind.Unit) Add(nameof(f.WorkUnitId), "请选择本单位或下属单位");

        // 居住信息: the community (a secretary only its own) and a grid of that community.
        var communityId = f.CommunityId;
        if (scope.Kind == ScopeKind.Community)
        {
            if (communityId is null) communityId = scope.OrganizationId;
            else if (communityId != scope.OrganizationId) Add(nameof(f.CommunityId), "社区书记只能登记本社区的党员");
        }
        if (communityId is { } cid && tree.Find(cid) is not { Kind: OrgKind.Community }) Add(nameof(f.CommunityId), "请选择有效的社区");
        else if (communityId is null && f.Category is MemberCategory.SelfManaged or MemberCategory.Floating)
        {
            Add(nameof(f.CommunityId), "自管党员和流动党员须填写所在社区");
        }
        if (f.GridId is { } gridId && (tree.Find(gridId) is not { Kind: OrgKind.Grid } grid || grid.ParentId != communityId))
        {
            Add(nameof(f.GridId), "所选网格不属于所选社区");
        }

        CheckLength(errors, nameof(f.JobTitle), f.JobTitle, 100, "职务/岗位");
        CheckLength(errors, nameof(f.Building), f.Building, 50, "楼栋");
        CheckLength(errors, nameof(f.Room), f.Room, 50, "房号");
        CheckLength(errors, nameof(f.Address), f.Address, 200, "详细住址");
        CheckLength(errors, nameof(f.Specialties), f.Specialties, 500, "特长");
        CheckLength(errors, nameof(f.FreeTime), f.FreeTime, 200, "空闲时间");

        // 迁出情况: corrected here only when the member has moved out (moving out has its own page).
        var movedOut = existing?.MovedOutOn is not null;
        if (movedOut)
        {
            errors.AddRange(ValidateMoveOut(f.MovedOutOn, f.MovedOutTo, f.MoveOutReason, f.JoinedPartyOn, today));
        }

        if (errors.Count > 0) return (errors, null);
        return ([], new Values(
            name!, gender!.Value, birth!.Value, ethnicity, f.Education!.Value, f.JoinedPartyOn!.Value, f.Status!.Value, f.Category!.Value,
            nationalId!, mobile!, f.WorkUnitId, Clean(f.JobTitle), communityId, tree.AncestorOfKind(communityId, OrgKind.Street)?.Id,
            f.GridId, Clean(f.Building), Clean(f.Room), Clean(f.Address), Clean(f.Specialties), f.ServiceFlags, Clean(f.FreeTime),
            movedOut ? f.MovedOutOn : existing?.MovedOutOn, movedOut ? Clean(f.MovedOutTo) : existing?.MovedOutTo,
            movedOut ? Clean(f.MoveOutReason) : existing?.MoveOutReason));
    }

    /// <summary>The rules of a move-out: a date not in the future and not before joining the party, and where to.</summary>
    public static IEnumerable<FieldError> ValidateMoveOut(DateOnly? on, string? to, string? reason, DateOnly? joinedPartyOn, DateOnly today)
    {
        if (on is not { } date) yield return new FieldError(nameof(MemberForm.MovedOutOn), "请填写迁出日期");
        else if (date > today) yield return new FieldError(nameof(MemberForm.MovedOutOn), "迁出日期不能晚于今天");
        else if (joinedPartyOn is { } joined && date < joined) yield return new FieldError(nameof(MemberForm.MovedOutOn), "迁出日期不能早于入党日期");
        var where = Clean(to);
        if (where is null) yield return new FieldError(nameof(MemberForm.MovedOutTo), "请填写迁往何处");
        else if (where.Length > 200) yield return new FieldError(nameof(MemberForm.MovedOutTo), "去向不能超过200个字");
        if (Clean(reason) is { Length: > 500 }) yield return new FieldError(nameof(MemberForm.MoveOutReason), "迁出原因不能超过500个字");
    }

    /// <summary>The validated values of the form.</summary>
    public sealed record Values(
        string Name, Gender Gender, DateOnly BirthDate, string Ethnicity, Education Education, DateOnly JoinedPartyOn,
        MembershipStatus Status, MemberCategory Category, string NationalId, string Mobile, Guid? WorkUnitId, string? JobTitle,
        Guid? CommunityId, Guid? StreetId, Guid? GridId, string? Building, string? Room, string? Address, string? Specialties,
        ServiceCategory ServiceIntentions, string? FreeTime, DateOnly? MovedOutOn, string? MovedOutTo, string? MoveOutReason)
    {
        public void ApplyTo(Member m)
        {
            m.Name = Name;
            m.Gender = Gender;
            m.BirthDate = BirthDate;
            m.Ethnicity = Ethnicity;
            m.Education = Education;
            m.JoinedPartyOn = JoinedPartyOn;
            m.Status = Status;
            m.Category = Category;
            m.NationalId = NationalId;
            m.Mobile = Mobile;
            m.WorkUnitId = WorkUnitId;
            m.JobTitle = JobTitle;
            m.CommunityId = CommunityId;
            // The street always follows the community (scoping by street reads this column).
            m.StreetId = StreetId;
            m.GridId = GridId;
            m.Building = Building;
            m.Room = Room;
            m.Address = Address;
            m.Specialties = Specialties;
            m.ServiceIntentions = ServiceIntentions;
            m.FreeTime = FreeTime;
            m.MovedOutOn = MovedOutOn;
            m.MovedOutTo = MovedOutTo;
            m.MoveOutReason = MoveOutReason;
        }

        public Member ToNewMember()
        {
            var m = new Member { Name = Name, NationalId = NationalId, Mobile = Mobile };
            ApplyTo(m);
            return m;
        }
    }

    /// <summary>True when the save failed because another member already holds the ID (a race past the check).</summary>
    public Task<bool> NationalIdTakenAsync(string nationalId, Guid self) =>
        systemDb.Members.AsNoTracking().AnyAsync(m => m.NationalId == nationalId && m.Id != self);

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void CheckLength(List<FieldError> errors, string field, string? value, int max, string label)
    {
        if (Clean(value) is { } v && v.Length > max) errors.Add(new FieldError(field, $"{label}不能超过{max}个字"));
    }

    public static bool IsEditor(PortalRole? role) => role is PortalRole.CountyAdmin or PortalRole.CommunitySecretary or PortalRole.UnitAdmin;
}
