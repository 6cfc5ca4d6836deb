using System.ComponentModel.DataAnnotations;
using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Posts;

/// <summary>
/// 设岗: the secretary creates or edits a post of its own community. The community is never taken from the
/// form. An edit carries the version it was opened at: a stale edit is refused with <see cref="ClaimRules.Stale"/>.
/// </summary>
public sealed class SavePost(PortalDbContext db) : IUseCase
{
    public const int MaxCapacity = 999;

    public sealed class Form
    {
        [Display(Name = "岗位类型")] public PostKind? Kind { get; set; }
        [Display(Name = "服务类别")] public ServiceCategory? Category { get; set; }
        [Display(Name = "岗位名称")] public string? Name { get; set; }
        [Display(Name = "岗位职责")] public string? Duties { get; set; }
        [Display(Name = "责任区范围")] public string? Area { get; set; }
        [Display(Name = "名额（人）")] public int? Capacity { get; set; }
        public Guid? Version { get; set; }

        /// <summary>Set by the use case for the page (edit: the post's id).</summary>
        public Guid? Id { get; set; }
        public bool IsClosed { get; set; }
    }

    public Form New() => new() { Kind = PostKind.PublicWelfarePost };

    public async Task<Form?> EditFormAsync(Guid id)
    {
        var p = await db.ServicePosts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (p is null || ClaimRules.SecretaryCommunity(db) is null) return null;
        return new Form
        {
            Id = p.Id, Kind = p.Kind, Category = p.Category, Name = p.Name, Duties = p.Duties, Area = p.Area,
            Capacity = p.Capacity, Version = p.Version, IsClosed = p.IsClosed,
        };
    }

    public async Task<Outcome> CreateAsync(Form form, bool bindingValid)
    {
        if (ClaimRules.SecretaryCommunity(db) is not { } community) return Outcome.Missing;
        var problems = Validate(form, approved: 0);
        if (problems.Count > 0 || !bindingValid) return new(false, problems, null);
        var post = new ServicePost { CommunityId = community, Name = "" };
        Apply(form, post);
        db.ServicePosts.Add(post);
        await db.SaveChangesAsync();
        return Outcome.Done($"已新增岗位：{post.Name}", post.Id);
    }

    public async Task<Outcome> EditAsync(Guid id, Form form, bool bindingValid)
    {
        var post = await db.ServicePosts.FirstOrDefaultAsync(p => p.Id == id);
        if (post is null || ClaimRules.SecretaryCommunity(db) is null) return Outcome.Missing;
        form.Id = id;
        form.IsClosed = post.IsClosed;
        var problems = Validate(form, await ClaimRules.ApprovedCountAsync(db, id));
        if (problems.Count > 0 || !bindingValid) return new(false, problems, null);
        if (form.Version != post.Version) return Outcome.Invalid("", ClaimRules.Stale);
        Apply(form, post);
        db.Entry(post).Property(p => p.Version).OriginalValue = form.Version!.Value;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid("", ClaimRules.Stale);
        }
        return Outcome.Done($"已保存岗位：{post.Name}", post.Id);
    }

    /// <summary>The form's rules; <paramref name="approved"/>: members holding the post now (the capacity may not go below).</summary>
    public static List<FieldProblem> Validate(Form f, int approved)
    {
        var problems = new List<FieldProblem>();
        void Add(string field, string message) => problems.Add(new(field, message));
        if (f.Kind is not { } kind || !Enum.IsDefined(kind)) Add(nameof(f.Kind), "请选择岗位类型");
        if (f.Category is not { } category || category == ServiceCategory.None || !Enum.IsDefined(category))
        {
            Add(nameof(f.Category), "请选择一个服务类别");
        }
        var name = ClaimRules.Clean(f.Name);
        if (name is null) Add(nameof(f.Name), "请填写岗位名称");
        else if (name.Length > 100) Add(nameof(f.Name), "岗位名称不能超过100个字");
        if (ClaimRules.Clean(f.Duties) is { Length: > 500 }) Add(nameof(f.Duties), "岗位职责不能超过500个字");
        if (ClaimRules.Clean(f.Area) is { Length: > 200 }) Add(nameof(f.Area), "责任区范围不能超过200个字");
        if (f.Capacity is { } capacity)
        {
            if (capacity < 1 || capacity > MaxCapacity) Add(nameof(f.Capacity), $"名额应为1到{MaxCapacity}之间的整数，不限名额请留空");
            else if (capacity < approved) Add(nameof(f.Capacity), $"名额不能少于已认领的{approved}人");
        }
        return problems;
    }

    private static void Apply(Form f, ServicePost p)
    {
        p.Kind = f.Kind!.Value;
        p.Category = f.Category!.Value;
        p.Name = ClaimRules.Clean(f.Name)!;
        p.Duties = ClaimRules.Clean(f.Duties);
        p.Area = ClaimRules.Clean(f.Area);
        p.Capacity = f.Capacity;
    }
}
