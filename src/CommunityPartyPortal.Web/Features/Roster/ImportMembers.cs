using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Domain.Common;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Organizations;
using CommunityPartyPortal.Domain.Scoping;
using CommunityPartyPortal.Web.Features.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Roster;

/// <summary>
/// 批量导入党员 from an .xlsx (the template's columns). All or nothing:
/// <list type="number">
/// <item><see cref="MemberImport"/> checks the file and every cell (with <see cref="RosterImportRules"/>);</item>
/// <item>the file's 身份证号 are looked up county-wide (system context) in bulk, a query per chunk of
/// <see cref="LookupChunk"/> IDs: a member the user's scope sees is updated from the file (loaded in bulk too), one it
/// does not see is an error for that row, no match is a new member;</item>
/// <item>every row the reader read without a cell error then goes through the member form's own rules
/// (<see cref="MemberFormRules.ValidateAsync"/>: gender and birth date from or against the ID, 18 at joining, the unit
/// a unit admin may assign, the grid of the community…; its per-row ID query is skipped, the bulk lookup did that), also
/// when other rows are bad, so that one upload lists every bad row;</item>
/// <item>with no error anywhere, everything is saved with one SaveChanges (one transaction, the inserts and updates
/// batched by EF); with any error nothing is saved and every error is listed, by row and then by column.</item>
/// </list>
/// Organisations are looked up in the cached <see cref="OrgTree"/>: the only queries are the lookups above and the save.
/// A row with a cell error is listed with its cell errors only (the form's rules need all of its values); every other
/// row is checked in full, so the list names every bad row of the file at once.
/// The target community: a secretary's own; the county picks one on the page; a unit admin's imports keep the
/// community of existing members and leave it empty for new ones (the residence is the community's business).
/// Columns missing from the file keep the stored values of existing members; blank cells of present columns clear them.
/// </summary>
public sealed class ImportMembers(
    PortalDbContext db,
    [FromKeyedServices(PortalServices.SystemDb)] PortalDbContext systemDb,
    MemberFormRules formRules,
    OrgTreeCache trees,
    AuditLog audit,
    TimeProvider time) : IUseCase
{
    /// <summary>The request limit of the upload: the 10 MB file and the form around it.</summary>
    public const int RequestLimit = 11 * 1024 * 1024;

    public const string TooLarge = "文件不能超过10MB，请分批导入";

    public sealed record Option(Guid Id, string Text);

    /// <summary>The import page: the rules, the target, and the errors of the last attempt.</summary>
    public sealed class Page
    {
        public required ScopeKind Kind { get; init; }
        /// <summary>Where the members go: the secretary's community, or the unit admin's unit.</summary>
        public string? TargetName { get; init; }
        /// <summary>The county's choice of community.</summary>
        public IReadOnlyList<Option> Communities { get; init; } = [];
        public Guid? Community { get; init; }
        public IReadOnlyList<MemberImportColumn> Columns => MemberImportColumns.All;
        public int MaxRows => MemberImport.MaxRows;
        public string? FileName { get; set; }
        /// <summary>Errors about the file as a whole (row 0) or the request (no file, no community).</summary>
        public IReadOnlyList<string> FileErrors { get; set; } = [];
        /// <summary>Every error of a row, sorted by row and then by column in template order.</summary>
        public IReadOnlyList<ImportError> RowErrors { get; set; } = [];
        public int BadRows => RowErrors.Select(e => e.Row).Distinct().Count();
        public bool Failed => FileErrors.Count > 0 || RowErrors.Count > 0;
    }

    /// <summary>Saved (with the flash message), or refused with the page to show again.</summary>
    public sealed record Result(bool Succeeded, string Message, Page Page);

    public async Task<Page> PageAsync(Guid? community, CancellationToken ct = default) => BuildPage(await trees.GetAsync(ct), db.Scope, community);

    public async Task<Result> HandleAsync(IFormFile? file, Guid? requestedCommunity, CancellationToken ct = default)
    {
        var scope = db.Scope;
        var tree = await trees.GetAsync(ct);
        var page = BuildPage(tree, scope, requestedCommunity);
        Guid? target = scope.Kind switch
        {
            ScopeKind.Community => scope.OrganizationId,
            ScopeKind.County => page.Community,
            _ => null,
        };
        if (scope.Kind == ScopeKind.County && target is null) return Refused(page, "请选择导入到哪个社区");
        if (file is null || file.Length == 0) return Refused(page, "请选择要导入的Excel文件（.xlsx）");
        page.FileName = Path.GetFileName(file.FileName);

        var rules = new RosterImportRules(tree, scope, target, Clock.TodayInChina(time));
        MemberImportResult parsed;
        await using (var input = file.OpenReadStream())
        {
            parsed = await MemberImport.ReadAsync(input, rules, ct);
        }

        // Who holds the file's ID numbers county-wide (system context), and which of those members the user's scope
        // sees (loaded tracked, to be updated from the file): a query per chunk of IDs, never one per row. This is the
        // whole uniqueness check of the file's IDs, so the member form's rules below skip their per-row query.
        var ids = rules.NationalIds.ToList();
        var holders = await HoldersAsync(ids, ct);
        var existing = holders.Count == 0 ? new Dictionary<string, Member>(StringComparer.Ordinal) : await VisibleMembersAsync(holders, ct);
        var foreign = holders.Where(id => !existing.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
        if (foreign.Count > 0)
        {
            // Read again with those IDs refused, so that every row holding one is named in the list, also a row the
            // first reading left out of its rows for another cell error.
            rules.Foreign = foreign;
            await using var again = file.OpenReadStream();
            parsed = await MemberImport.ReadAsync(again, rules, ct);
        }

        // One list of every error: the reader's (cells, file) and the member form's rules on every row the reader
        // could read (gender and birth date against the ID, 18 at joining, ethnicity…), even when other rows are bad.
        var errors = new List<ImportError>(rules.Explain(parsed.Errors));
        var changes = new List<(Member? Member, MemberFormRules.Values Values)>(parsed.Rows.Count);
        foreach (var row in parsed.Rows)
        {
            var member = existing.GetValueOrDefault(row.NationalId);
            var (rowErrors, values) = await formRules.ValidateAsync(
                ToForm(row, member, scope, target, tree), member, MemberFormRules.NationalIdUniqueness.CheckedByCaller);
            errors.AddRange(rowErrors.Select(e => new ImportError(row.Row, ColumnOf(e.Field), e.Message)));
            if (rowErrors.Count == 0 && values is not null) changes.Add((member, values));
        }
        if (errors.Count > 0) return await RefusedAsync(page, errors);

        var created = 0;
        foreach (var (member, values) in changes)
        {
            if (member is null)
            {
                db.Members.Add(values.ToNewMember());
                created++;
            }
            else
            {
                values.ApplyTo(member);
            }
        }
        var updated = changes.Count - created;
        try
        {
            await db.SaveChangesAsync(ct); // one SaveChanges: one transaction, all rows or none
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await RefusedAsync(page, [new ImportError(0, "", "导入期间有党员信息被他人修改，未导入任何数据，请重新导入")]);
        }
        catch (DbUpdateException)
        {
            // A unique-index race past the lookup above (someone registered one of the IDs meanwhile).
            db.ChangeTracker.Clear();
            var taken = await HoldersAsync(ids, ct);
            if (taken.Count == holders.Count) throw;
            return await RefusedAsync(page, [new ImportError(0, "", "导入期间有身份证号被其他用户登记，未导入任何数据，请重新导入")]);
        }

        var message = $"导入成功：新增{created}人，更新{updated}人";
        await audit.WriteAsync("roster.import", "Organization", (target ?? scope.OrganizationId)?.ToString(), true,
            $"{page.FileName}：{parsed.Rows.Count}行，新增{created}人，更新{updated}人");
        return new Result(true, message, page);
    }

    /// <summary>
    /// At most this many IDs per lookup query: one statement per chunk, with a bounded parameter list (far below the
    /// providers' limits, even for <see cref="MemberImport.MaxRows"/> IDs) and few distinct shapes for the query cache.
    /// </summary>
    internal const int LookupChunk = 1_000;

    /// <summary>Which of the IDs any member holds, county-wide (the system context sees every tenant).</summary>
    private async Task<List<string>> HoldersAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var held = new List<string>();
        foreach (var chunk in ids.Chunk(LookupChunk))
        {
            held.AddRange(await systemDb.Members.AsNoTracking()
                .Where(m => chunk.Contains(m.NationalId)).Select(m => m.NationalId).ToListAsync(ct));
        }
        return held;
    }

    /// <summary>The members with these IDs that the user's scope sees, tracked (they are updated from the file), by ID.</summary>
    private async Task<Dictionary<string, Member>> VisibleMembersAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var members = new Dictionary<string, Member>(ids.Count, StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(LookupChunk))
        {
            foreach (var m in await db.Members.Where(m => chunk.Contains(m.NationalId)).ToListAsync(ct)) members[m.NationalId] = m;
        }
        return members;
    }

    private static Page BuildPage(OrgTree tree, AccessScope scope, Guid? community) => scope.Kind switch
    {
        ScopeKind.County => new Page
        {
            Kind = scope.Kind,
            Communities = [.. tree.OfKind(OrgKind.Community).Where(c => c.IsActive).Select(c => new Option(c.Id, tree.PathName(c.Id)))],
            Community = community is { } id && tree.Find(id) is { Kind: OrgKind.Community, IsActive: true } ? id : null,
        },
        ScopeKind.Community => new Page { Kind = scope.Kind, TargetName = tree.PathName(scope.OrganizationId) },
        _ => new Page { Kind = scope.Kind, TargetName = tree.NameOf(scope.OrganizationId) },
    };

    private static Result Refused(Page page, string message)
    {
        page.FileErrors = [message];
        return new Result(false, message, page);
    }

    private async Task<Result> RefusedAsync(Page page, IReadOnlyList<ImportError> errors)
    {
        page.FileErrors = [.. errors.Where(e => e.Row == 0).Select(e => e.Message)];
        page.RowErrors = [.. errors.Where(e => e.Row > 0).OrderBy(e => e.Row).ThenBy(e => ColumnOrder(e.Column))];
        var summary = page.RowErrors.Count > 0 ? $"{page.RowErrors.Count}处错误（{page.BadRows}行）" : string.Join("；", page.FileErrors);
        await audit.WriteAsync("roster.import", "Organization", db.Scope.OrganizationId?.ToString(), false,
            $"{page.FileName}：{summary}，未导入");
        return new Result(false, summary, page);
    }

    private static readonly Dictionary<string, int> ColumnPositions =
        MemberImportColumns.All.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);

    /// <summary>The template position of a column; whole-row errors last.</summary>
    private static int ColumnOrder(string column) => ColumnPositions.GetValueOrDefault(column, int.MaxValue);

    /// <summary>The member form's fields as the template's columns ("" for what the file does not hold).</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        [nameof(MemberForm.Name)] = MemberImportColumns.Name,
        [nameof(MemberForm.Gender)] = MemberImportColumns.Gender,
        [nameof(MemberForm.BirthDate)] = MemberImportColumns.BirthDate,
        [nameof(MemberForm.Ethnicity)] = MemberImportColumns.Ethnicity,
        [nameof(MemberForm.Education)] = MemberImportColumns.Education,
        [nameof(MemberForm.JoinedPartyOn)] = MemberImportColumns.JoinedPartyOn,
        [nameof(MemberForm.Status)] = MemberImportColumns.Status,
        [nameof(MemberForm.Category)] = MemberImportColumns.Category,
        [nameof(MemberForm.NationalId)] = MemberImportColumns.NationalId,
        [nameof(MemberForm.Mobile)] = MemberImportColumns.Mobile,
        [nameof(MemberForm.WorkUnitId)] = MemberImportColumns.WorkUnit,
        [nameof(MemberForm.JobTitle)] = MemberImportColumns.JobTitle,
        [nameof(MemberForm.GridId)] = MemberImportColumns.Grid,
        [nameof(MemberForm.Building)] = MemberImportColumns.Building,
        [nameof(MemberForm.Room)] = MemberImportColumns.Room,
        [nameof(MemberForm.Address)] = MemberImportColumns.Address,
        [nameof(MemberForm.Specialties)] = MemberImportColumns.Specialties,
        [nameof(MemberForm.ServiceIntentions)] = MemberImportColumns.ServiceIntentions,
        [nameof(MemberForm.FreeTime)] = MemberImportColumns.FreeTime,
    };

    private static string ColumnOf(string field) => Columns.GetValueOrDefault(field, "");

    /// <summary>
    /// The row as the member form would post it: the file's values, the target community, and for an existing
    /// member the stored values of the columns the file does not have (and its move-out, which the import keeps).
    /// </summary>
    private static MemberForm ToForm(ImportedMemberRow row, Member? member, AccessScope scope, Guid? target, OrgTree tree)
    {
        bool Has(string column) => row.Raw.ContainsKey(column);
        var unitImport = scope.Kind == ScopeKind.Unit;
        var community = unitImport ? member?.CommunityId : target;
        var grid = unitImport ? member?.GridId
            : Has(MemberImportColumns.Grid) ? row.GridId
            : member?.GridId is { } g && tree.Find(g)?.ParentId == community ? g : null;
        return new MemberForm
        {
            Name = row.Name,
            Gender = row.Gender switch { "男" => Gender.Male, "女" => Gender.Female, _ => null },
            BirthDate = row.BirthDate,
            Ethnicity = Has(MemberImportColumns.Ethnicity) ? row.Ethnicity : member?.Ethnicity,
            Education = ByText<Education>(row.Education),
            JoinedPartyOn = row.JoinedPartyOn,
            Status = ByText<MembershipStatus>(row.Status),
            Category = ByText<MemberCategory>(row.Category),
            NationalId = row.NationalId,
            Mobile = row.Mobile,
            WorkUnitId = Has(MemberImportColumns.WorkUnit) ? row.WorkUnitId : member?.WorkUnitId,
            JobTitle = Has(MemberImportColumns.JobTitle) ? row.JobTitle : member?.JobTitle,
            CommunityId = community,
            GridId = grid,
            Building = Has(MemberImportColumns.Building) ? row.Building : member?.Building,
            Room = Has(MemberImportColumns.Room) ? row.Room : member?.Room,
            Address = Has(MemberImportColumns.Address) ? row.Address : member?.Address,
            Specialties = Has(MemberImportColumns.Specialties) ? row.Specialties : member?.Specialties,
            ServiceIntentions = Has(MemberImportColumns.ServiceIntentions)
                ? [.. row.ServiceIntentions.Select(ByText<ServiceCategory>).OfType<ServiceCategory>()]
                : [.. Enum.GetValues<ServiceCategory>().Where(c => c != ServiceCategory.None && member is not null && member.ServiceIntentions.HasFlag(c))],
            FreeTime = Has(MemberImportColumns.FreeTime) ? row.FreeTime : member?.FreeTime,
            MovedOutOn = member?.MovedOutOn,
            MovedOutTo = member?.MovedOutTo,
            MoveOutReason = member?.MoveOutReason,
            Version = member?.Version,
        };
    }

    /// <summary>The enum value whose Chinese display name is <paramref name="text"/> (the template's choices are those names).</summary>
    private static T? ByText<T>(string? text) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => ((Enum)(object)v!.Value).Text() == text);
}
