from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel("Question", [("id", models.AutoField(primary_key=True, serialize=False)),
                                            ("text", models.CharField(max_length=200))]),
        migrations.CreateModel("Choice", [("id", models.AutoField(primary_key=True, serialize=False)),
                                          ("label", models.CharField(max_length=100)),
                                          ("votes", models.IntegerField(default=0)),
                                          ("question", models.ForeignKey(on_delete=models.deletion.CASCADE,
                                                                         related_name="choices",
                                                                         to="polls.question"))]),
    ]
