"""What the school sells, in Thai and English: its classes, the equipment shop, the café menu, named
packages, and the variants that let the `large` catalog reach 1,000 plausible products."""

from __future__ import annotations

from typing import NamedTuple


class Course(NamedTuple):
    name_en: str
    name_th: str
    short_en: str  # for package names
    short_th: str
    hours: float
    price_thb: int
    description_en: str
    description_th: str


class Item(NamedTuple):
    name_en: str
    name_th: str
    price_thb: int
    description_en: str
    description_th: str


class Variant(NamedTuple):
    """A variant of base items, named by English name (a course by its short name). `only_for` and
    `not_for` keep out the nonsense ones: no kids' edition of the couples' class, no black spice set."""

    name_en: str
    name_th: str
    price_factor: float
    description_en: str
    description_th: str
    only_for: tuple[str, ...] = ()
    not_for: tuple[str, ...] = ()

    def fits(self, base: str) -> bool:
        return (not self.only_for or base in self.only_for) and base not in self.not_for


class Package(NamedTuple):
    name_en: str
    name_th: str
    description_en: str
    description_th: str
    courses: tuple[str, ...]  # short_en of the courses
    equipment: tuple[str, ...]  # name_en of the equipment


COURSES = (
    Course("Tom Yum Goong & Pad Thai class", "คลาสต้มยำกุ้งและผัดไทย", "Tom Yum & Pad Thai", "ต้มยำและผัดไทย",
           3.0, 1500, "Cook Thailand's two most famous dishes from fresh herbs: hot and sour prawn soup and "
           "stir-fried rice noodles.", "เรียนทำสองเมนูไทยที่โด่งดังที่สุด ต้มยำกุ้งน้ำข้นและผัดไทยกุ้งสด จากสมุนไพรสด"),
    Course("Green Curry from Scratch", "แกงเขียวหวานตำพริกแกงเอง", "Green Curry", "แกงเขียวหวาน", 3.5, 1800,
           "Pound your own green curry paste in a granite mortar, then cook a fragrant chicken green curry "
           "with Thai basil.", "ตำพริกแกงเขียวหวานเองด้วยครกหิน แล้วปรุงแกงเขียวหวานไก่หอมกลิ่นโหระพา"),
    Course("Street Food Classics", "อาหารริมทางยอดนิยม", "Street Food", "อาหารริมทาง", 3.5, 1600,
           "Pad kra pao, chicken satay with peanut sauce and crispy spring rolls, the way Bangkok vendors "
           "make them.", "ผัดกะเพรา สะเต๊ะไก่ซอสถั่ว และปอเปี๊ยะทอด แบบแม่ค้าริมทางกรุงเทพฯ"),
    Course("Som Tam & Larb: Isan Favourites", "ส้มตำและลาบ อาหารอีสาน", "Som Tam & Larb", "ส้มตำและลาบ", 3.0, 1400,
           "Balance sour, salty, sweet and hot in a papaya salad, then make minced pork larb with toasted "
           "rice powder.", "ฝึกปรุงรสเปรี้ยว เค็ม หวาน เผ็ด ในส้มตำไทย และทำลาบหมูใส่ข้าวคั่ว"),
    Course("Thai Desserts: Mango Sticky Rice", "ขนมไทย ข้าวเหนียวมะม่วง", "Thai Desserts", "ขนมไทย", 3.0, 1300,
           "Steam sticky rice, make a sweet coconut sauce and learn two more classic Thai desserts.",
           "นึ่งข้าวเหนียว ทำน้ำกะทิ และเรียนขนมไทยอีกสองอย่าง"),
    Course("Massaman Curry & Roti", "แกงมัสมั่นและโรตี", "Massaman & Roti", "มัสมั่นและโรตี", 4.0, 2200,
           "A slow-cooked curry with roasted spices, potatoes and peanuts, served with hand-stretched roti.",
           "แกงมัสมั่นเคี่ยวช้ากับเครื่องเทศคั่ว มันฝรั่งและถั่วลิสง เสิร์ฟกับโรตีที่ทำเอง"),
    Course("Morning Market Tour & Cooking", "ทัวร์ตลาดเช้าและเรียนทำอาหาร", "Market Tour", "ทัวร์ตลาด", 4.0, 2500,
           "Shop for herbs and produce with your instructor at a local wet market, then cook four dishes "
           "back at the school.", "เดินตลาดสดกับครูเพื่อเลือกซื้อสมุนไพรและวัตถุดิบ แล้วกลับมาทำอาหาร 4 เมนูที่โรงเรียน"),
    Course("Vegetarian Thai Cooking", "อาหารไทยมังสวิรัติ", "Vegetarian", "มังสวิรัติ", 3.0, 1500,
           "Meat-free versions of Thai favourites with tofu, mushrooms and vegetarian curry pastes.",
           "เมนูไทยยอดนิยมแบบไม่มีเนื้อสัตว์ ใช้เต้าหู้ เห็ด และพริกแกงมังสวิรัติ"),
    Course("Kids' Thai Cooking Fun", "คลาสทำอาหารไทยสำหรับเด็ก", "Kids' Class", "คลาสเด็ก", 3.0, 1200,
           "A hands-on class for children aged 6 to 12: fried rice, chicken satay and a sweet treat.",
           "คลาสลงมือทำสำหรับเด็กอายุ 6–12 ปี ข้าวผัด สะเต๊ะไก่ และขนมหวาน"),
    Course("Curry Paste Masterclass", "มาสเตอร์คลาสพริกแกง", "Curry Pastes", "พริกแกง", 4.0, 2800,
           "Five curry pastes side by side: red, green, yellow, panang and massaman, and what each is for.",
           "ทำพริกแกงห้าชนิด แดง เขียว เหลือง พะแนง มัสมั่น และรู้ว่าแต่ละชนิดใช้กับอะไร"),
    Course("Evening Dinner Party Class", "คลาสมื้อค่ำ", "Dinner Party", "มื้อค่ำ", 3.5, 2000,
           "Cook a four-course Thai dinner together, then sit down to eat it with a drink.",
           "ทำอาหารไทยสี่คอร์สด้วยกัน แล้วนั่งรับประทานพร้อมเครื่องดื่ม"),
    Course("Royal Thai Cuisine", "อาหารไทยชาววัง", "Royal Thai", "อาหารชาววัง", 4.0, 3200,
           "Refined dishes from the palace kitchens, with delicate knife work and elegant presentation.",
           "อาหารไทยตำรับชาววัง ประณีตทั้งการหั่นและการจัดจาน"),
    Course("Northern Thai: Khao Soi & Sai Ua", "อาหารเหนือ ข้าวซอยและไส้อั่ว", "Khao Soi", "ข้าวซอย", 3.5, 1900,
           "Chiang Mai's curry noodle soup and herb-packed northern sausage.", "ข้าวซอยตำรับเชียงใหม่และไส้อั่วสมุนไพร"),
    Course("Southern Thai Curries", "แกงปักษ์ใต้", "Southern Curries", "แกงใต้", 3.5, 1800,
           "Fiery kua kling and sour yellow curry from the south, with fresh turmeric.",
           "คั่วกลิ้งและแกงเหลืองปักษ์ใต้รสจัดจ้าน ใช้ขมิ้นสด"),
    Course("Thai Fruit & Vegetable Carving", "แกะสลักผักผลไม้", "Fruit Carving", "แกะสลัก", 3.0, 1600,
           "Traditional carving of flowers and leaves from watermelon, papaya and carrots.",
           "แกะสลักดอกไม้และใบไม้จากแตงโม มะละกอ และแครอท ตามแบบไทยโบราณ"),
    Course("Thai Noodles: Pad See Ew & Rad Na", "ก๋วยเตี๋ยวผัดซีอิ๊วและราดหน้า", "Thai Noodles", "ก๋วยเตี๋ยว", 3.0,
           1400, "Smoky wide rice noodles from a hot wok, and rad na in thick gravy.",
           "เส้นใหญ่ผัดซีอิ๊วหอมกลิ่นกระทะ และราดหน้าน้ำข้น"),
    Course("Thai Seafood", "อาหารทะเลสไตล์ไทย", "Seafood", "อาหารทะเล", 3.5, 2400,
           "Steamed sea bass with lime and chilli, stir-fried crab with curry powder and a spicy seafood salad.",
           "ปลากะพงนึ่งมะนาว ปูผัดผงกะหรี่ และยำทะเลรสแซ่บ"),
    Course("Thai Salads (Yam)", "ยำรสจัดจ้าน", "Thai Salads", "ยำ", 3.0, 1300,
           "Glass noodle salad, pomelo salad and crispy catfish salad with green mango.",
           "ยำวุ้นเส้น ยำส้มโอ และยำปลาดุกฟูมะม่วงเบา"),
    Course("Halal Thai Cooking", "อาหารไทยฮาลาล", "Halal Thai", "อาหารฮาลาล", 3.0, 1600,
           "Thai favourites with halal ingredients: chicken massaman, tom kha and khao mok gai.",
           "เมนูไทยด้วยวัตถุดิบฮาลาล มัสมั่นไก่ ต้มข่าไก่ และข้าวหมกไก่"),
    Course("Cooking Class for Couples", "คลาสทำอาหารสำหรับคู่รัก", "Couples' Class", "คลาสคู่รัก", 3.0, 3000,
           "Cook side by side at a shared station: three dishes and mango sticky rice (price for two).",
           "ทำอาหารคู่กันที่โต๊ะเดียวกัน สามเมนูและข้าวเหนียวมะม่วง (ราคาสำหรับสองท่าน)"),
    Course("Thai Herbs & Spices Workshop", "เวิร์กช็อปสมุนไพรและเครื่องเทศไทย", "Herbs & Spices", "สมุนไพร", 3.0,
           1500, "Taste, smell and cook with lemongrass, galangal and kaffir lime; take home a herb kit.",
           "ชิม ดม และปรุงอาหารด้วยตะไคร้ ข่า ใบมะกรูด พร้อมชุดสมุนไพรกลับบ้าน"),
    Course("Panang & Red Curry Duck", "พะแนงและแกงเผ็ดเป็ดย่าง", "Panang & Red Curry", "พะแนงและแกงเผ็ด", 3.5,
           2100, "Thick panang with pork, and roast duck red curry with lychees and pineapple.",
           "พะแนงหมูเนื้อข้นและแกงเผ็ดเป็ดย่างใส่ลิ้นจี่และสับปะรด"),
    Course("Tom Kha & Thai Soups", "ต้มข่าไก่และแกงจืด", "Thai Soups", "ต้มและแกงจืด", 3.0, 1300,
           "Coconut galangal soup, clear tofu soup and a spicy tom saep.", "ต้มข่าไก่ แกงจืดเต้าหู้ และต้มแซ่บ"),
    Course("Chef's Table: Modern Thai", "เชฟเทเบิล อาหารไทยร่วมสมัย", "Modern Thai", "ไทยร่วมสมัย", 4.0, 3500,
           "A small-group class with our head chef on modern plating of Thai flavours.",
           "คลาสกลุ่มเล็กกับหัวหน้าเชฟ จัดจานอาหารไทยแบบร่วมสมัย"),
)

COURSE_VARIANTS = (
    Variant("Private class", "คลาสส่วนตัว", 1.6, "Just you and your group, with a dedicated instructor.",
            "เรียนเฉพาะกลุ่มของคุณกับครูประจำคลาส"),
    Variant("Morning session", "รอบเช้า", 1.0, "Starts at 9:00 with a welcome drink.",
            "เริ่มเรียน 9:00 น. พร้อมเครื่องดื่มต้อนรับ", not_for=("Market Tour", "Dinner Party")),
    Variant("Evening session", "รอบค่ำ", 1.0, "Starts at 17:30, after work.", "เริ่มเรียน 17:30 น. หลังเลิกงาน",
            not_for=("Market Tour", "Dinner Party")),
    Variant("Weekend session", "รอบเสาร์-อาทิตย์", 1.1, "Saturday and Sunday mornings.", "เรียนเช้าวันเสาร์และอาทิตย์"),
    Variant("Kids' edition", "ฉบับเด็ก", 0.75, "Milder dishes and a slower pace for children.",
            "เมนูรสอ่อนและจังหวะการสอนที่เหมาะกับเด็ก",
            not_for=("Kids' Class", "Couples' Class", "Dinner Party", "Modern Thai", "Royal Thai", "Curry Pastes")),
    Variant("Vegetarian version", "แบบมังสวิรัติ", 1.0, "Every dish without meat or fish sauce.",
            "ทุกเมนูไม่ใส่เนื้อสัตว์และน้ำปลา", not_for=("Vegetarian", "Seafood")),
    Variant("Team building", "สำหรับองค์กร", 1.3, "For company groups, with a friendly cook-off at the end.",
            "สำหรับกลุ่มองค์กร ปิดท้ายด้วยการแข่งขันทำอาหาร", not_for=("Kids' Class", "Couples' Class")),
    Variant("Chinese-speaking instructor", "ครูสอนภาษาจีน", 1.05, "Taught in Mandarin.", "สอนเป็นภาษาจีนกลาง"),
    Variant("Japanese-speaking instructor", "ครูสอนภาษาญี่ปุ่น", 1.05, "Taught in Japanese.", "สอนเป็นภาษาญี่ปุ่น"),
    Variant("Festival special", "รอบพิเศษช่วงเทศกาล", 1.15, "Runs during Songkran and the New Year holidays.",
            "เปิดสอนช่วงสงกรานต์และปีใหม่"),
)

EQUIPMENT = (
    Item("Carbon steel wok", "กระทะเหล็กคาร์บอน", 650, "The 36 cm wok our classes cook with; season it once and "
         "it lasts for years.", "กระทะขนาด 36 ซม. ที่ใช้ในคลาส เคลือบครั้งเดียวใช้ได้นานหลายปี"),
    Item("Granite mortar and pestle", "ครกหินแกรนิตพร้อมสาก", 890, "Heavy granite for smooth curry pastes.",
         "ครกหินแกรนิตเนื้อหนัก ตำพริกแกงได้เนียน"),
    Item("Clay mortar for som tam", "ครกดินเผาสำหรับตำส้มตำ", 350, "Tall clay mortar with a wooden pestle.",
         "ครกดินเผาทรงสูงพร้อมสากไม้"),
    Item("Sticky rice steamer set", "ชุดหวดนึ่งข้าวเหนียวและหม้อ", 450, "Bamboo basket and aluminium pot.",
         "หวดไม้ไผ่และหม้อนึ่งอะลูมิเนียม"),
    Item("VSchool apron", "ผ้ากันเปื้อน VSchool", 390, "Cotton apron with the school's logo.",
         "ผ้ากันเปื้อนผ้าฝ้ายปักโลโก้โรงเรียน"),
    Item("Thai chef's knife", "มีดเชฟไทย", 750, "A light, sharp knife for herbs and vegetables.",
         "มีดน้ำหนักเบา คม เหมาะกับสมุนไพรและผัก"),
    Item("VSchool recipe book", "หนังสือสูตรอาหาร VSchool", 590, "Every class recipe, in Thai and English.",
         "สูตรอาหารทุกคลาส ภาษาไทยและอังกฤษ"),
    Item("Curry paste starter kit", "ชุดเริ่มต้นทำพริกแกง", 490, "Dried chillies, spices and shrimp paste.",
         "พริกแห้ง เครื่องเทศ และกะปิ"),
    Item("Sticky rice basket", "กระติ๊บข้าวเหนียว", 180, "Woven bamboo basket that keeps sticky rice warm.",
         "กระติ๊บไม้ไผ่สาน เก็บข้าวเหนียวให้อุ่น"),
    Item("Fruit carving knife", "มีดแกะสลัก", 150, "Thin pointed blade for carving.", "ใบมีดบางปลายแหลมสำหรับแกะสลัก"),
    Item("Tamarind wood cutting board", "เขียงไม้มะขาม", 590, "Thick, hard-wearing tamarind wood.",
         "เขียงไม้มะขามหนา ทนทาน"),
    Item("Stainless wok ladle", "ตะหลิวสแตนเลส", 220, "The long-handled ladle street vendors use.",
         "ตะหลิวด้ามยาวแบบแม่ค้าริมทาง"),
    Item("Thai spice set (12 jars)", "ชุดเครื่องเทศไทย 12 ขวด", 850, "Twelve spices for Thai curries.",
         "เครื่องเทศ 12 ชนิดสำหรับแกงไทย"),
    Item("Coconut grater stool", "กระต่ายขูดมะพร้าว", 690, "The traditional seat-and-blade grater.",
         "กระต่ายขูดมะพร้าวแบบดั้งเดิม"),
    Item("Brass dessert mould set", "ชุดพิมพ์ขนมทองเหลือง", 1200, "Moulds for kanom krok and look chup.",
         "พิมพ์ขนมครกและลูกชุบ"),
    Item("Steamer pot", "หม้อนึ่ง", 890, "Two-tier 28 cm aluminium steamer.", "หม้อนึ่งอะลูมิเนียมสองชั้น ขนาด 28 ซม."),
    Item("Meat cleaver", "มีดสับ", 480, "Heavy cleaver for bones and duck.", "มีดสับน้ำหนักดี สำหรับกระดูกและเป็ด"),
    Item("Wooden spatula set", "ชุดตะหลิวไม้", 250, "Three spatulas that will not scratch a wok.",
         "ตะหลิวไม้สามชิ้น ไม่ทำให้กระทะเป็นรอย"),
    Item("Banana leaf cup moulds", "พิมพ์กระทงใบตอง", 120, "For hor mok and steamed desserts.",
         "สำหรับห่อหมกและขนมนึ่ง"),
    Item("Rice cooker", "หม้อหุงข้าว", 1890, "1.8 litres: jasmine rice for six.", "ขนาด 1.8 ลิตร หุงข้าวหอมมะลิได้หกที่"),
    Item("Enamel tiffin carrier", "ปิ่นโตเคลือบ", 650, "Four-tier pinto for take-away meals.",
         "ปิ่นโตสี่ชั้นสำหรับใส่อาหารกลับบ้าน"),
    Item("Portable gas stove", "เตาแก๊สปิกนิก", 990, "Single-burner stove like the ones in class.",
         "เตาแก๊สหัวเดียวแบบที่ใช้ในคลาส"),
)

_CONSUMABLES = ("VSchool recipe book", "Curry paste starter kit", "Thai spice set (12 jars)")
_BULKY = ("Rice cooker", "Coconut grater stool", "Portable gas stove", "Steamer pot", "Sticky rice steamer set")
_COLOURED = ("VSchool apron", "Enamel tiffin carrier", "Portable gas stove", "Rice cooker", "Thai chef's knife",
             "Wooden spatula set")

EQUIPMENT_VARIANTS = (
    Variant("Small", "ขนาดเล็ก", 0.8, "Smaller size.", "ขนาดเล็กลง",
            not_for=(*_CONSUMABLES, "VSchool apron", "Rice cooker")),
    Variant("Large", "ขนาดใหญ่", 1.3, "Larger size for families.", "ขนาดใหญ่สำหรับครอบครัว",
            not_for=(*_CONSUMABLES, "VSchool apron", "Rice cooker")),
    Variant("Gift-boxed", "กล่องของขวัญ", 1.2, "In a gift box with a card.", "บรรจุกล่องของขวัญพร้อมการ์ด"),
    Variant("Twin pack", "แพ็กคู่", 1.9, "Two in one pack.", "สองชิ้นในแพ็กเดียว", not_for=_BULKY),
    Variant("Premium", "รุ่นพรีเมียม", 1.6, "Better materials and finish.", "วัสดุและงานประณีตกว่า",
            not_for=("VSchool recipe book",)),
    Variant("Travel size", "ขนาดพกพา", 0.6, "Fits in a suitcase.", "ใส่กระเป๋าเดินทางได้",
            only_for=("Thai spice set (12 jars)", "Curry paste starter kit", "Thai chef's knife",
                      "Wooden spatula set", "Portable gas stove", "Sticky rice basket")),
    Variant("Red", "สีแดง", 1.0, "In red.", "สีแดง", only_for=_COLOURED),
    Variant("Black", "สีดำ", 1.0, "In black.", "สีดำ", only_for=_COLOURED),
    Variant("Green", "สีเขียว", 1.0, "In green.", "สีเขียว", only_for=_COLOURED),
    Variant("Blue", "สีน้ำเงิน", 1.0, "In blue.", "สีน้ำเงิน", only_for=_COLOURED),
    Variant("Student edition", "รุ่นนักเรียน", 0.85, "The one we use in class.", "รุ่นที่ใช้ในชั้นเรียน"),
    Variant("Ex-class demo unit", "เครื่องสาธิตจากคลาส", 0.7, "Used in our classes, in good condition.",
            "ผ่านการใช้งานในคลาส สภาพดี", not_for=_CONSUMABLES),
    Variant("Engraved", "สลักชื่อ", 1.3, "Engraved with a name of your choice.", "สลักชื่อตามต้องการ",
            not_for=_CONSUMABLES),
    Variant("Export pack", "แพ็กส่งออก", 1.1, "Packed for shipping abroad.", "แพ็กสำหรับส่งไปต่างประเทศ"),
    Variant("Limited edition", "รุ่นลิมิเต็ด", 1.4, "A small run with a special pattern.", "ผลิตจำนวนจำกัด ลายพิเศษ"),
)

# The café's dishes (English, Thai, price in THB); descriptions are written from a template.
MENUS: tuple[tuple[str, str, int], ...] = (
    ("Pad Thai with prawns", "ผัดไทยกุ้งสด", 180),
    ("Creamy tom yum goong", "ต้มยำกุ้งน้ำข้น", 250),
    ("Green curry with chicken", "แกงเขียวหวานไก่", 160),
    ("Mango sticky rice", "ข้าวเหนียวมะม่วง", 150),
    ("Som tam Thai", "ส้มตำไทย", 90),
    ("Larb moo", "ลาบหมู", 120),
    ("Pad kra pao with fried egg", "ผัดกะเพราหมูสับไข่ดาว", 100),
    ("Khao soi gai", "ข้าวซอยไก่", 140),
    ("Beef massaman", "มัสมั่นเนื้อ", 220),
    ("Tom kha gai", "ต้มข่าไก่", 180),
    ("Glass noodle salad", "ยำวุ้นเส้น", 130),
    ("Fried spring rolls", "ปอเปี๊ยะทอด", 100),
    ("Pork satay", "หมูสะเต๊ะ", 120),
    ("Pad see ew", "ผัดซีอิ๊ว", 100),
    ("Rad na", "ราดหน้า", 110),
    ("Pineapple fried rice", "ข้าวผัดสับปะรด", 180),
    ("Steamed sea bass with lime", "ปลากะพงนึ่งมะนาว", 350),
    ("Panang pork", "พะแนงหมู", 160),
    ("Red curry with roast duck", "แกงเผ็ดเป็ดย่าง", 250),
    ("Thai fish cakes", "ทอดมันปลา", 140),
    ("Bua loy", "บัวลอย", 80),
    ("Bananas in coconut milk", "กล้วยบวชชี", 80),
    ("Crispy pork with kale", "คะน้าหมูกรอบ", 140),
    ("Chicken with cashew nuts", "ไก่ผัดเม็ดมะม่วงหิมพานต์", 160),
    ("Stir-fried morning glory", "ผัดผักบุ้งไฟแดง", 90),
    ("Hainanese chicken rice", "ข้าวมันไก่", 90),
    ("Boat noodles", "ก๋วยเตี๋ยวเรือ", 80),
    ("Crab fried rice", "ข้าวผัดปู", 200),
    ("Pomelo salad", "ยำส้มโอ", 150),
    ("Grilled chicken (gai yang)", "ไก่ย่าง", 150),
    ("Fish-sauce chicken wings", "ปีกไก่ทอดน้ำปลา", 120),
    ("Omelette with minced pork", "ไข่เจียวหมูสับ", 80),
    ("Hor mok fish curry", "ห่อหมกปลา", 180),
    ("Kua kling pork", "คั่วกลิ้งหมู", 150),
    ("Sour curry with prawns", "แกงส้มชะอมกุ้ง", 200),
    ("Thai iced tea", "ชาไทยเย็น", 80),
    ("Coconut ice cream", "ไอศกรีมกะทิ", 90),
    ("Shrimp paste rice", "ข้าวคลุกกะปิ", 150),
    ("Northern Thai sausage", "ไส้อั่ว", 160),
    ("Stir-fried mixed vegetables", "ผัดผักรวมมิตร", 90),
)

_SWEET = ("Mango sticky rice", "Bua loy", "Bananas in coconut milk", "Thai iced tea", "Coconut ice cream")
_WITH_RICE_OR_NOODLES = ("Pad Thai with prawns", "Pad see ew", "Rad na", "Boat noodles", "Khao soi gai",
                         "Pineapple fried rice", "Crab fried rice", "Hainanese chicken rice", "Shrimp paste rice",
                         "Mango sticky rice")

MENU_VARIANTS = (
    Variant("Large", "จานใหญ่", 1.4, "A bigger plate.", "จานใหญ่ขึ้น"),
    Variant("Set for two", "ชุดสำหรับ 2 ท่าน", 1.9, "Shared set for two.", "ชุดแบ่งทานสองท่าน",
            not_for=("Thai iced tea",)),
    Variant("Take-away box", "ใส่กล่องกลับบ้าน", 1.1, "Packed to take away.", "ใส่กล่องกลับบ้าน"),
    Variant("Kids' portion", "สำหรับเด็ก", 0.7, "A small, mild portion.", "จานเล็ก รสอ่อน"),
    Variant("No MSG", "ไม่ใส่ผงชูรส", 1.0, "Cooked without MSG.", "ปรุงโดยไม่ใส่ผงชูรส", not_for=_SWEET),
    Variant("Extra spicy", "เผ็ดมาก", 1.0, "The way Bangkok eats it.", "เผ็ดแบบคนกรุงเทพฯ", not_for=_SWEET),
    Variant("Mild", "ไม่เผ็ด", 1.0, "No chilli.", "ไม่ใส่พริก", not_for=_SWEET),
    Variant("Gluten-free", "ปลอดกลูเตน", 1.1, "With gluten-free soy sauce.", "ใช้ซีอิ๊วปลอดกลูเตน", not_for=_SWEET),
    Variant("With jasmine rice", "พร้อมข้าวหอมมะลิ", 1.15, "Served with jasmine rice.", "เสิร์ฟพร้อมข้าวหอมมะลิ",
            not_for=(*_SWEET, *_WITH_RICE_OR_NOODLES)),
    Variant("Lunch set", "ชุดอาหารกลางวัน", 1.3, "With soup and dessert.", "พร้อมซุปและของหวาน", not_for=_SWEET),
    Variant("Seafood upgrade", "เพิ่มซีฟู้ด", 1.5, "With extra prawns and squid.", "เพิ่มกุ้งและปลาหมึก",
            only_for=("Pad Thai with prawns", "Creamy tom yum goong", "Glass noodle salad", "Pad see ew", "Rad na",
                      "Pineapple fried rice", "Pomelo salad", "Sour curry with prawns", "Tom kha gai",
                      "Stir-fried morning glory", "Som tam Thai")),
)

PACKAGES = (
    Package("Thai Cooking Weekend", "แพ็กเกจเรียนทำอาหารสุดสัปดาห์", "Two favourite classes over one weekend.",
            "สองคลาสยอดนิยมในหนึ่งสุดสัปดาห์", ("Tom Yum & Pad Thai", "Green Curry"), ()),
    Package("Curry Lover's Set", "ชุดคนรักแกง", "Three curry classes and a granite mortar to keep.",
            "สามคลาสแกงพร้อมครกหินกลับบ้าน", ("Green Curry", "Massaman & Roti", "Curry Pastes"),
            ("Granite mortar and pestle",)),
    Package("Street Food Explorer", "ตะลุยอาหารริมทาง", "Bangkok's street food and Isan flavours.",
            "อาหารริมทางกรุงเทพฯ และรสชาติอีสาน", ("Street Food", "Som Tam & Larb", "Thai Desserts"), ()),
    Package("Family Fun Pack", "แพ็กเกจครอบครัว", "A kids' class, a family class and an apron.",
            "คลาสเด็ก คลาสครอบครัว และผ้ากันเปื้อน", ("Kids' Class", "Tom Yum & Pad Thai"), ("VSchool apron",)),
    Package("Complete Thai Kitchen", "ครัวไทยครบสูตร", "Four core classes with a wok and a mortar.",
            "สี่คลาสหลักพร้อมกระทะและครก",
            ("Tom Yum & Pad Thai", "Green Curry", "Street Food", "Massaman & Roti"),
            ("Carbon steel wok", "Granite mortar and pestle")),
    Package("Market to Table", "จากตลาดสู่จาน", "The market tour and a vegetarian class.",
            "ทัวร์ตลาดและคลาสมังสวิรัติ", ("Market Tour", "Vegetarian"), ()),
    Package("Sweet & Spicy Duo", "คู่หวานเผ็ด", "Tom yum, pad Thai and Thai desserts.", "ต้มยำ ผัดไทย และขนมไทย",
            ("Tom Yum & Pad Thai", "Thai Desserts"), ()),
    Package("Chef's Starter Kit", "ชุดเริ่มต้นสู่เชฟ", "Three classes, a chef's knife and the recipe book.",
            "สามคลาส มีดเชฟ และหนังสือสูตรอาหาร", ("Curry Pastes", "Green Curry", "Street Food"),
            ("Thai chef's knife", "VSchool recipe book")),
    Package("Isan & Northern Flavours", "รสชาติอีสานและเหนือ", "Som tam, larb and khao soi.",
            "ส้มตำ ลาบ และข้าวซอย", ("Som Tam & Larb", "Khao Soi"), ("Sticky rice basket",)),
    Package("Royal Thai Experience", "ประสบการณ์อาหารชาววัง", "Palace cuisine and fruit carving.",
            "อาหารชาววังและการแกะสลักผลไม้", ("Royal Thai", "Fruit Carving"), ("Fruit carving knife",)),
    Package("Couples' Cooking Date", "เดตทำอาหารของคู่รัก", "A couples' class and a dinner party.",
            "คลาสคู่รักและคลาสมื้อค่ำ", ("Couples' Class", "Dinner Party"), ()),
    Package("Vegetarian Journey", "เส้นทางมังสวิรัติ", "Meat-free Thai cooking from market to dessert.",
            "อาหารไทยมังสวิรัติตั้งแต่ตลาดจนถึงของหวาน", ("Vegetarian", "Herbs & Spices", "Thai Desserts"), ()),
)
