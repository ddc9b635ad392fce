"use client";
/** The one training recipe, stated as the trainer reads it (lib/lab/recipe.ts). */
import { useTranslations } from "next-intl";
import { memo } from "react";

import { Card } from "@/components/build/ui";
import { useMsg } from "@/components/i18n/useMsg";
import { describeRecipe, describeRecipeMsgs, RECIPE } from "@/lib/lab/recipe";

export const RecipeCard = memo(function RecipeCard({
  epochs,
  batch,
}: {
  epochs: number;
  batch: number;
}) {
  const t = useTranslations("lab.recipe");
  const render = useMsg();
  const english = describeRecipe(RECIPE, epochs, batch);
  const lines = describeRecipeMsgs(RECIPE, epochs, batch).map((l, i) =>
    render(
      l.parts
        ? {
            ...l.msg,
            values: {
              ...l.msg.values,
              list: l.parts.map((m) => render(m)).join(t("listSeparator")),
            },
          }
        : l.msg,
      english[i],
    ),
  );
  return (
    <Card title={t("title")} id="lab-recipe">
      <ul className="list-disc space-y-0.5 pl-5 text-sm">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </Card>
  );
});
