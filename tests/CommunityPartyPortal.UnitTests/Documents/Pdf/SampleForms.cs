using System.Buffers.Binary;
using System.IO.Compression;
using CommunityPartyPortal.Documents.Records;

namespace CommunityPartyPortal.UnitTests.Documents.Pdf;

/// <summary>Display-ready sample records: index 2 carries the masked ID 110***********002X.</summary>
internal static class SampleForms
{
    public static readonly DateOnly IssuedOn = new(2026, 4, 10);

    private static readonly string[] Names = ["张建国", "李秀英", "王志强", "赵丽华", "陈卫东", "刘海燕", "杨光明", "黄晓梅"];

    public static string Name(int i) => Names[i % Names.Length] + (i >= Names.Length ? (i / Names.Length).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);

    public static string MaskedId(int i) => $"110***********{i % 1000:000}X";

    public static string MaskedMobile(int i) => $"138****{i % 10000:0000}";

    public static ReportLetterRecord Letter(int i) => new(
        Serial: $"FXCZ-2026-{i:0000}",
        IssuingUnit: "中共凤翔县财政局机关支部委员会",
        ToCommunity: "城关镇东大街社区党委",
        MemberName: Name(i),
        Gender: i % 2 == 0 ? "男" : "女",
        BirthDate: new DateOnly(1980 + (i % 20), 3, 12),
        NationalId: MaskedId(i),
        Mobile: MaskedMobile(i),
        JobTitle: "预算股副股长",
        Status: i % 5 == 4 ? "预备党员" : "正式党员",
        JoinedPartyOn: new DateOnly(2005, 7, 1),
        Address: $"东大街社区幸福家园小区{(i % 9) + 1}号楼2单元50{(i % 4) + 1}室",
        IssuedOn: IssuedOn)
    {
        ValidUntil = new DateOnly(2026, 5, 15),
        Year = 2026,
        ContactPerson = "孙立新",
        ContactPhone = "0917-7212345",
    };

    public static MemberInfoCardRecord InfoCard(int i, byte[]? photo = null) => new(
        Serial: $"DDJ-XXK-2026-{i:0000}",
        Community: "城关镇东大街社区党委",
        Name: Name(i),
        Gender: i % 2 == 0 ? "男" : "女",
        Ethnicity: "汉族",
        BirthDate: new DateOnly(1985, 3, 12),
        Education: "大学本科",
        JoinedPartyOn: new DateOnly(2008, 7, 1),
        Status: "正式党员",
        NationalId: MaskedId(i),
        Mobile: MaskedMobile(i),
        WorkUnit: "凤翔县人力资源和社会保障局",
        JobTitle: "就业服务股科员",
        Address: "陕西省宝鸡市凤翔县城关镇东大街幸福家园小区",
        FilledOn: IssuedOn)
    {
        Grid = "第三网格",
        Building = "3号楼2单元",
        Room = "501室",
        Specialties = "熟悉劳动保障政策，会计算机维修，擅长书法，能够为社区居民提供就业政策咨询和社保业务代办服务。",
        ServiceIntentions = ["政策宣传", "便民利民", "文化娱乐", "义务家教"],
        FreeTime = "周六全天，工作日晚上七点以后",
        Photo = photo,
        PhotoContentType = photo is null ? null : "image/png",
        UnitPartyOrganisation = "中共凤翔县人力资源和社会保障局机关委员会",
    };

    public static CommitmentCardRecord CommitmentCard(int i) => new(
        Serial: $"DDJ-CN-2026-{i:0000}",
        Community: "城关镇东大街社区党委",
        WorkUnit: "凤翔县人民医院",
        Name: Name(i),
        Status: "正式党员",
        Mobile: MaskedMobile(i),
        PostWanted: "党员为民服务日义诊岗（医疗保健）",
        Categories: ["医疗保健", "扶贫帮困"],
        FreeTime: "每月第一个周六上午",
        Promises: "1. 每季度参加一次社区义诊，为社区老人免费测量血压、血糖；\n2. 结对帮扶一户困难家庭，每月至少上门走访一次；\n3. 每年向社区提出一条合理化建议；\n4. 带头遵守社区公约，维护小区环境卫生。",
        SignedOn: IssuedOn)
    {
        UnitPartyOrganisation = "中共凤翔县人民医院委员会",
    };

    public static ReportReceiptRecord Receipt(int i) => new(
        Serial: $"DDJ-HZ-2026-{i:0000}",
        ToUnit: "中共凤翔县财政局机关支部委员会",
        Community: "城关镇东大街社区党委",
        MemberName: Name(i),
        Gender: i % 2 == 0 ? "男" : "女",
        Mobile: MaskedMobile(i),
        NationalId: MaskedId(i),
        ReportedOn: new DateOnly(2026, 4, 12),
        IsLate: i % 7 == 6,
        LetterSerial: i % 3 == 1 ? null : $"FXCZ-2026-{i:0000}",
        ConfirmedBy: "周晓燕",
        IssuedOn: new DateOnly(2026, 4, 13))
    {
        CommunityContact = "周晓燕",
        CommunityPhone = "0917-7218800",
        Address = "幸福家园小区3号楼2单元501室",
    };

    private const string LongUnit = "中共陕西省宝鸡市凤翔区人力资源和社会保障局机关第二党支部委员会（原凤翔县人力资源和社会保障局）";
    private const string LongCommunity = "凤翔区城关街道办事处东大街社区党委（东大街社区、西大街社区联合党委）";
    private const string LongAddress = "陕西省宝鸡市凤翔区城关街道东大街幸福家园小区三期二十三号楼二单元一千五百零三室（靠近东门）";

    /// <summary>Records with every text far longer than the paper forms expect.</summary>
    public static ReportLetterRecord LongLetter() => Letter(5) with
    {
        IssuingUnit = LongUnit,
        ToCommunity = LongCommunity,
        MemberName = "欧阳司马长名字",
        Address = LongAddress,
        JobTitle = "人力资源和社会保障局就业服务中心副主任兼党支部组织委员",
        Notes = string.Concat(Enumerable.Repeat("该同志已于2025年在原社区报到，因搬家需转至新居住地社区。", 6)),
    };

    public static ReportReceiptRecord LongReceipt() => Receipt(5) with
    {
        ToUnit = LongUnit,
        Community = LongCommunity,
        MemberName = "欧阳司马长名字",
        IsLate = true,
        LetterSerial = null,
        Address = LongAddress,
    };

    public static MemberInfoCardRecord LongInfoCard() => InfoCard(5) with
    {
        WorkUnit = LongUnit,
        Community = LongCommunity,
        Name = "欧阳司马长名字",
        Address = LongAddress,
        Specialties = string.Concat(Enumerable.Repeat("擅长法律咨询与纠纷调解，", 30)),
        ServiceIntentions = ["政策宣传", "法律援助", "医疗保健", "扶贫帮困", "便民利民", "文化娱乐", "治安调解", "环境保护", "义务家教", "心理咨询", "电脑维修"],
        FreeTime = string.Concat(Enumerable.Repeat("周六全天、", 12)),
        Ethnicity = null,
        Education = null,
        BirthDate = null,
        Grid = null,
    };

    public static CommitmentCardRecord LongCommitmentCard() => CommitmentCard(5) with
    {
        WorkUnit = LongUnit,
        Community = LongCommunity,
        Promises = string.Join("\n", Enumerable.Range(1, 25).Select(i => $"{i}. 承诺事项第{i}条，内容较长需要换行显示，内容较长需要换行显示，内容较长需要换行显示。")),
        Categories = ["医疗保健", "心理咨询"],
        UnitPartyOrganisation = LongUnit,
    };

    /// <summary>A 2-inch portrait PNG (red background, a white silhouette), made without an imaging library.</summary>
    public static byte[] RedBackgroundPhoto(int width = 140, int height = 196)
    {
        var raw = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * ((width * 3) + 1);
            raw[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var dx = (x - (width / 2.0)) / (width * 0.2);
                var dy = (y - (height * 0.38)) / (height * 0.17);
                var head = (dx * dx) + (dy * dy) <= 1;
                var sx = (x - (width / 2.0)) / (width * 0.42);
                var sy = (y - height) / (height * 0.3);
                var shoulders = (sx * sx) + (sy * sy) <= 1;
                var (r, g, b) = head ? ((byte)245, (byte)220, (byte)200) : shoulders ? ((byte)30, (byte)40, (byte)60) : ((byte)200, (byte)20, (byte)30);
                raw[row + 1 + (x * 3)] = r;
                raw[row + 2 + (x * 3)] = g;
                raw[row + 3 + (x * 3)] = b;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(raw);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = Crc32([.. typeBytes, .. data]);
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        output.Write(crcBytes);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
